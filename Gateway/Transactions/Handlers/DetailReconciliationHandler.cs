using System.Globalization;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Platform;
using Medisettle.Gateway.Validation;

namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>
/// 3202 对明细账: compares the institution's settlement lines for the date range with its receivable postings in
/// the journal (its posting stream <c>post:inst:{code}</c> and its receivable index, <c>ReceivableIndex</c>), after the posting dispatcher has caught up. A settlement is
/// matched by setl_id; a cancelled one (a reversal posting exists) must be flagged refd_setl_flag "1". Each
/// disagreement is a mismatch line (at most ReconciliationLinesMax); the totals are compared too.
/// </summary>
public sealed class DetailReconciliationHandler(ILedgerQueries ledger)
    : TransactionHandler<DetailReconciliationInput, DetailReconciliationOutput>(TransactionContracts.DetailReconciliation)
{
    /// <summary>Reads only.</summary>
    public override RepeatEffect RepeatEffect => RepeatEffect.None;

    protected override async ValueTask<HandlerOutcome<DetailReconciliationOutput>> ExecuteAsync(
        TransactionRequest<DetailReconciliationInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var data = request.Input.Data;
        var max = request.Context.Limits.ReconciliationLinesMax;
        var position = await ledger.CatchUpAsync(cancellationToken);
        var postings = await ledger.ReadReceivablesAsync(
            request.Context.Institution, DailyReconciliationHandler.ParseDate(data.StmtBegndate), DailyReconciliationHandler.ParseDate(data.StmtEnddate), max * 2, cancellationToken);
        var ours = Settlements(postings);
        var mismatches = new List<ReconciliationMismatch>();
        foreach (var line in request.Input.Detail)
        {
            if (Disagreement(line, ours.GetValueOrDefault(line.SetlId)) is { } reason)
            {
                mismatches.Add(new ReconciliationMismatch { SetlId = line.SetlId, StmtRslt = "1", StmtRsltDscr = reason });
            }
        }

        var theirs = request.Input.Detail.Select(l => l.SetlId).ToHashSet(StringComparer.Ordinal);
        mismatches.AddRange(ours.Values.Where(s => !theirs.Contains(s.SettlementId)).Select(s => new ReconciliationMismatch
        {
            SetlId = s.SettlementId,
            StmtRslt = "1",
            StmtRsltDscr = s.Cancelled ? "cancelled settlement missing from the institution's detail" : "settlement missing from the institution's detail",
        }));
        var live = ours.Values.Where(s => !s.Cancelled).ToList();
        var totals = Totals(data, live);
        var asOf = string.Create(CultureInfo.InvariantCulture, $"as of journal sequence {position}");
        var agrees = mismatches.Count == 0 && totals is null;
        var result = new ReconciliationResult
        {
            SetlOptins = data.SetlOptins,
            StmtRslt = agrees ? "0" : "1",
            StmtRsltDscr = agrees
                ? $"agrees: {live.Count} settlements ({asOf})"
                : string.Create(CultureInfo.InvariantCulture, $"disagrees: {mismatches.Count} settlement(s) differ{(totals is null ? "" : "; " + totals)} ({asOf})"),
        };
        return HandlerOutcome<DetailReconciliationOutput>.Ok(new DetailReconciliationOutput { Stmtinfo = result, Mismatch = [.. mismatches.Take(max)] });
    }

    private static Dictionary<string, PlatformSettlement> Settlements(IReadOnlyList<Posting> postings)
    {
        var byId = new Dictionary<string, PlatformSettlement>(StringComparer.Ordinal);
        foreach (var posting in postings)
        {
            if (posting.Kind == PostingKind.Reversal)
            {
                byId[posting.SettlementId] = (byId.GetValueOrDefault(posting.SettlementId) ?? new PlatformSettlement(posting.SettlementId, posting.PersonId, null)) with { Cancelled = true };
            }
            else
            {
                byId[posting.SettlementId] = (byId.GetValueOrDefault(posting.SettlementId) ?? new PlatformSettlement(posting.SettlementId, posting.PersonId, null)) with { Totals = posting.Totals };
            }
        }

        return byId;
    }

    private static string? Disagreement(ReconciliationDetailLine line, PlatformSettlement? ours)
    {
        if (ours is null)
        {
            return "no such settlement at the platform for this institution and period";
        }

        var theyCancelled = line.RefdSetlFlag == "1";
        if (theyCancelled != ours.Cancelled)
        {
            return ours.Cancelled ? "cancelled at the platform, not flagged refd_setl_flag 1" : "flagged cancelled but not cancelled at the platform";
        }

        if (ours.Cancelled || ours.Totals is not { } t)
        {
            return null;
        }

        var differences = new List<string>();
        Compare(differences, "psn_no", line.PsnNo, ours.PersonId);
        Compare(differences, "medfee_sumamt", Yuan(line.MedfeeSumamt), t.MedicalFeeTotal.ToString());
        Compare(differences, "fund_pay_sumamt", Yuan(line.FundPaySumamt), t.FundPaid.ToString());
        Compare(differences, "acct_pay", Yuan(line.AcctPay), t.AccountPaid.ToString());
        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private static string? Totals(DetailReconciliation data, List<PlatformSettlement> live)
    {
        var differences = new List<string>();
        Compare(differences, "fixmedins_setl_cnt", data.FixmedinsSetlCnt.ToString(CultureInfo.InvariantCulture), live.Count.ToString(CultureInfo.InvariantCulture));
        Compare(differences, "medfee_sumamt", Yuan(data.MedfeeSumamt), Sum(live, t => t.MedicalFeeTotal).ToString());
        Compare(differences, "fund_pay_sumamt", Yuan(data.FundPaySumamt), Sum(live, t => t.FundPaid).ToString());
        Compare(differences, "cash_payamt", Yuan(data.CashPayamt), Sum(live, t => t.CashPaid).ToString());
        return differences.Count == 0 ? null : "totals " + string.Join(", ", differences);
    }

    private static Money Sum(List<PlatformSettlement> live, Func<SettlementTotals, Money> amount) =>
        live.Aggregate(Money.Zero, (sum, s) => s.Totals is { } t ? sum + amount(t) : sum);

    private static void Compare(List<string> differences, string field, string institution, string platform)
    {
        if (institution != platform)
        {
            differences.Add($"{field}: institution {institution}, platform {platform}");
        }
    }

    private static string Yuan(decimal yuan) => WireAmount.ToMoney(yuan).ToString();

    private sealed record PlatformSettlement(string SettlementId, string PersonId, SettlementTotals? Totals)
    {
        public bool Cancelled { get; init; }
    }
}
