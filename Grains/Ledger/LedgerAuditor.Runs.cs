using Medisettle.Grains.Jobs;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// Pass 1 of the audit: the jobs' entries (daily closes and their runs, payout runs and audit deductions, risk reserve,
/// 二次补偿 and insurer runs and records), read by their own streams. They are few (days × institutions at most), and
/// they tell pass 2 in advance every journal position (a run's <c>ThroughSequence</c>) at which a check needs the
/// aggregates as they stood: a run's entry is written after that position, with postings possibly in between.
/// </summary>
public sealed partial class LedgerAuditor
{
    private async Task<Runs> ReadRunsAsync(long through, CancellationToken cancellationToken)
    {
        var runs = new Runs();
        await ReadStreamAsync(LedgerNames.CloseStreamPrefix, prefix: true, through, entry =>
        {
            var code = entry.Stream[LedgerNames.CloseStreamPrefix.Length..];
            if (!runs.Closes.TryGetValue(code, out var closes))
            {
                runs.Closes[code] = closes = [];
            }

            closes.Add(LedgerJson.Deserialize<DailyClose>(entry));
        }, cancellationToken);
        await ReadStreamAsync(LedgerNames.DailyCloseRunStream, prefix: false, through,
            entry => runs.CloseRuns.Add(LedgerJson.Deserialize<DailyCloseRun>(entry)), cancellationToken);
        await ReadStreamAsync(LedgerNames.MonthlyPayoutRunStream, prefix: false, through,
            entry => runs.PayoutRuns.Add((entry.Sequence, LedgerJson.Deserialize<MonthlyPayoutRun>(entry))), cancellationToken);
        await ReadStreamAsync(LedgerNames.AuditDeductionStream, prefix: false, through,
            entry => runs.AuditDeductions.Add((entry.Sequence, LedgerJson.Deserialize<AuditDeduction>(entry))), cancellationToken);
        await ReadStreamAsync(LedgerNames.RiskReserveRunStream, prefix: false, through,
            entry => runs.ReserveRuns.Add((entry.Sequence, LedgerJson.Deserialize<RiskReserveRun>(entry))), cancellationToken);
        await ReadStreamAsync(SecondaryCompensation.RunStream, prefix: false, through,
            entry => runs.CompensationRuns.Add((entry.Sequence, LedgerJson.Deserialize<CompensationRun>(entry))), cancellationToken);
        await ReadStreamAsync(InsurerCooperation.RunStream, prefix: false, through,
            entry => runs.InsurerRuns.Add((entry.Sequence, LedgerJson.Deserialize<InsurerCooperationRun>(entry))), cancellationToken);
        await ReadStreamAsync(InsurerCooperation.RecordStream, prefix: false, through, entry =>
        {
            if (entry.EntryId.StartsWith(InsurerCooperation.AgreementEntryPrefix, StringComparison.Ordinal))
            {
                runs.InsurerAgreements.Add((entry.Sequence, LedgerJson.Deserialize<InsurerAgreement>(entry)));
            }
            else
            {
                runs.InsurerAssessments.Add((entry.Sequence, LedgerJson.Deserialize<InsurerAssessment>(entry)));
            }
        }, cancellationToken);
        return runs;
    }

    /// <summary>Hands each entry of <paramref name="stream"/> (or of every stream it prefixes) up to <paramref name="through"/> to <paramref name="add"/>, in journal order.</summary>
    private async Task ReadStreamAsync(string stream, bool prefix, long through, Action<JournalEntry> add, CancellationToken cancellationToken)
    {
        long after = 0;
        while (after < through)
        {
            var page = prefix
                ? await journal.ReadByStreamPrefixAsync(stream, after, PageSize, cancellationToken)
                : await journal.ReadAsync(stream, after, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                return;
            }

            foreach (var entry in page.TakeWhile(e => e.Sequence <= through))
            {
                add(entry);
            }

            after = page[^1].Sequence;
        }
    }

    /// <summary>
    /// Whether pass 2 leaves <paramref name="stream"/> to pass 1: a daily close or a job's stream. As before the audit
    /// was split in two passes, an entry there is a job's entry whatever its id (a <c>setl:</c> id there is no settlement).
    /// </summary>
    private static bool IsJobStream(string stream) =>
        stream.StartsWith(LedgerNames.CloseStreamPrefix, StringComparison.Ordinal)
        || stream is LedgerNames.DailyCloseRunStream or LedgerNames.MonthlyPayoutRunStream or LedgerNames.AuditDeductionStream
            or LedgerNames.RiskReserveRunStream or SecondaryCompensation.RunStream or InsurerCooperation.RunStream or InsurerCooperation.RecordStream;

    /// <summary>The jobs' entries as read by pass 1, each list in journal order.</summary>
    private sealed class Runs
    {
        /// <summary>Daily closes per institution (by their stream, <c>close:{code}</c>).</summary>
        public Dictionary<string, List<DailyClose>> Closes { get; } = new(StringComparer.Ordinal);

        public List<DailyCloseRun> CloseRuns { get; } = [];

        public List<(long Sequence, MonthlyPayoutRun Run)> PayoutRuns { get; } = [];

        public List<(long Sequence, AuditDeduction Deduction)> AuditDeductions { get; } = [];

        public List<(long Sequence, RiskReserveRun Run)> ReserveRuns { get; } = [];

        public List<(long Sequence, CompensationRun Run)> CompensationRuns { get; } = [];

        public List<(long Sequence, InsurerCooperationRun Run)> InsurerRuns { get; } = [];

        public List<(long Sequence, InsurerAgreement Agreement)> InsurerAgreements { get; } = [];

        public List<(long Sequence, InsurerAssessment Assessment)> InsurerAssessments { get; } = [];
    }
}
