using System.Globalization;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Microsoft.Extensions.Logging;

namespace Medisettle.Grains.Institutions;

/// <summary>
/// Control rules at the institution: deductions at most once per id (a confirmed flag), and the 协议病种 : 包干 ratio
/// (S4 §6) counted from the receivable postings as they are applied, with an alert raised in the same write.
/// </summary>
public sealed partial class InstitutionGrain
{
    public async Task<InstitutionSnapshot> DeductPointsOnceAsync(string deductionId, int points, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deductionId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        if (S.DeductionIds.Contains(deductionId, StringComparer.Ordinal))
        {
            return Snapshot();
        }

        Deduct(points, reason);
        S.DeductionIds.Add(deductionId);
        var excess = S.DeductionIds.Count - InstitutionState.DeductionIdsMax;
        if (excess > 0)
        {
            S.DeductionIds.RemoveRange(0, excess);
        }

        await CommitProfileAsync();
        return Snapshot();
    }

    /// <summary>Counts an inpatient case (a reversal takes it back) and raises the period's alert when the tally crosses the rule.</summary>
    private void CountInpatientCase(Posting posting, long sequence, List<InstitutionAlert> raised)
    {
        if (posting.InpatientCase is not { } kase || posting.Totals is null)
        {
            return;
        }

        var empty = AgreedDiseaseTally.Empty(kase, posting.SettlementDate);
        var index = S.AgreedDiseaseTallies.FindIndex(t => t.PackId == kase.PackId && t.PeriodStart == empty.PeriodStart);
        var tally = (index >= 0 ? S.AgreedDiseaseTallies[index] : empty)
            .Count(kase.AgreedDisease, posting.Kind == PostingKind.Reversal ? -1 : 1);
        if (index >= 0)
        {
            S.AgreedDiseaseTallies[index] = tally;
        }
        else
        {
            S.AgreedDiseaseTallies.Add(tally);
            S.AgreedDiseaseTallies.Sort((a, b) => a.PeriodStart.CompareTo(b.PeriodStart));
            Trim(S.AgreedDiseaseTallies, InstitutionState.TalliesMax);
        }

        if (tally.IsAboveRatio)
        {
            RaiseAlert(tally, sequence, raised);
        }
    }

    private void RaiseAlert(AgreedDiseaseTally tally, long sequence, List<InstitutionAlert> raised)
    {
        var code = this.GetPrimaryKeyString();
        var alertId = string.Create(CultureInfo.InvariantCulture, $"{code}-{tally.PackId}-{tally.PeriodStart:yyyyMM}");
        if (S.Alerts.Any(a => a.AlertId == alertId))
        {
            return;
        }

        var alert = new InstitutionAlert
        {
            AlertId = alertId,
            Rule = ControlRule.AgreedDiseaseRatio,
            PackId = tally.PackId,
            PeriodStart = tally.PeriodStart,
            PeriodEnd = tally.PeriodEnd,
            AgreedDiseaseCases = tally.AgreedDiseaseCases,
            FlatRateCases = tally.FlatRateCases,
            RatioMax = tally.RatioMax,
            Evidence = string.Create(CultureInfo.InvariantCulture,
                $"{tally.AgreedDiseaseCases} 协议病种 cases to {tally.FlatRateCases} 包干 cases from {tally.PeriodStart:yyyy-MM-dd} to {tally.PeriodEnd:yyyy-MM-dd} is above {tally.RatioMax}:1 (pack {tally.PackId} controls.agreedDiseaseRatio; at least {tally.CasesMin} cases; journal sequence {sequence})"),
            RaisedAt = time.GetUtcNow(),
        };
        S.Alerts.Add(alert);
        Trim(S.Alerts, InstitutionState.AlertsMax);
        raised.Add(alert);
    }

    /// <summary>Counts and logs alerts once their write has committed (a failed write is delivered again and raises them again).</summary>
    private void OnAlertsCommitted(List<InstitutionAlert> raised)
    {
        foreach (var alert in raised)
        {
            metrics.OnAlert(alert.Rule);
            LogAlert(log, this.GetPrimaryKeyString(), alert.AlertId, alert.AgreedDiseaseCases, alert.FlatRateCases);
        }
    }

    private static void Trim<T>(List<T> list, int max)
    {
        var excess = list.Count - max;
        if (excess > 0)
        {
            list.RemoveRange(0, excess);
        }
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Institution {Code}: alert {AlertId}, {Agreed} 协议病种 cases to {FlatRate} 包干 cases")]
    private static partial void LogAlert(ILogger logger, string code, string alertId, int agreed, int flatRate);
}
