using System.Text.Json.Nodes;
using Medisettle.Grains.Jobs;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Medisettle.Grains.Tests.Jobs.JournalRows;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// The streaming auditor on a journal of its own (a cluster of this test alone, so every count is exact), read three
/// entries a page: settlements and cancels of four persons around a daily close and a monthly payout, with a settlement
/// dated on the closed day after the close and one dated in the paid month after the payout (each run must be checked
/// against the journal as it stood at the run's position, not at the end). Each tampering — a posting, a cancel, a run —
/// is reported exactly; what the auditor holds does not grow when more settlements are written.
/// Adult residents at a tier-3 hospital of P0: deductible 400 per admission, then 60 % from the pooled fund.
/// </summary>
public sealed class StreamingAuditTests
{
    private const int PageSize = 3;
    private const int Persons = 4;
    private static readonly DateOnly Day1 = new(2025, 9, 1);
    private static readonly DateOnly Day2 = new(2025, 9, 2);
    private static readonly DateOnly October = new(2025, 10, 3);
    private static readonly BusinessMonth September = new(2025, 9);

    [Fact]
    public async Task A_journal_read_a_few_entries_a_page_audits_exactly_reports_each_tampering_and_holds_nothing_per_settlement()
    {
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var persons = new List<IPersonGrain>();
        for (var i = 0; i < Persons; i++)
        {
            persons.Add(await world.EnrolAsync($"P{i}"));
        }

        var settled = new Dictionary<string, SettlementOutcome>(StringComparer.Ordinal);
        async Task SettleAsync(string messageId, int person, decimal yuan, DateOnly date)
        {
            settled[messageId] = await persons[person].SettleAsync(world.Inpatient(messageId, yuan, date: date));
            Assert.Equal(SettlementStatus.Settled, settled[messageId].Status);
        }

        async Task CancelAsync(string messageId, int person) =>
            Assert.Equal(SettlementStatus.Cancelled, (await persons[person].CancelAsync(new CancelCommand { MessageId = "X" + messageId, InstitutionCode = world.HospitalCode, SettlementId = settled[messageId].SettlementId! })).Status);

        for (var i = 0; i < 12; i++)
        {
            await SettleAsync($"A{i}", i % Persons, 1_000m + (100m * i), Day1);
        }

        await CancelAsync("A1", 1);
        await CancelAsync("A5", 1);
        await world.Cluster.Client.GetGrain<IDailyCloseGrain>(DailyCloseGrain.Key).RunAsync(Day1);
        for (var i = 0; i < 12; i++)
        {
            await SettleAsync($"B{i}", i % Persons, 1_000m + (50m * i), Day2);
        }

        await SettleAsync("L0", 0, 1_500m, Day1); // after the close of its day: booked on the next open day
        await CancelAsync("A9", 1);
        await CancelAsync("B2", 2);
        await CancelAsync("B6", 2);
        var payout = (await world.Cluster.Client.GetGrain<IMonthlyPayoutGrain>(MonthlyPayoutGrain.Key).RunAsync(September)).Run;
        for (var i = 0; i < 4; i++)
        {
            await SettleAsync($"C{i}", i, 1_200m, October);
        }

        await SettleAsync("S0", 3, 1_300m, Day2); // in the paid month, after the payout's position: for the next month's run
        await CancelAsync("C1", 1);
        await world.Dispatcher.DrainAsync();

        var auditor = SmallPageAuditor(world);
        var (report, footprint) = await auditor.AuditAndMeasureAsync();
        var wholePages = await world.Auditor.AuditAsync();
        var fund = new FundPoolKey(SettlementWorld.Region, Scheme.UrbanResident, nameof(FundType.BasicPooled)).ToString();
        var institution = LedgerNames.InstitutionAccount(world.HospitalCode);

        Assert.True(report.Passed, string.Join("\n", report.Violations));
        Assert.Equal((30, 6, 0, Persons, 1, 1), (report.Settlements, report.Cancellations, report.PendingPostings, report.PersonsChecked, report.ClosesChecked, report.PayoutRunsChecked));
        // Each settlement here pays the pooled fund only: its record carries that posting and its receivable; of the
        // settlements' postings, the posting streams hold only the cancels' reversals (beside the payout's postings).
        Assert.Equal(
            await CountAsync(world, "SELECT COUNT(*) FROM journal WHERE stream LIKE 'post:%'") + 2 * await CountAsync(world, "SELECT COUNT(*) FROM journal WHERE entry_id LIKE 'setl:%'"),
            report.Postings);
        Assert.Equal(0, await CountAsync(world, "SELECT COUNT(*) FROM journal WHERE stream LIKE 'post:%' AND entry_id LIKE 'post:S%' AND entry_id NOT LIKE '%:rev'"));
        Assert.Equal(0, await CountAsync(world, $"SELECT COUNT(*) FROM journal WHERE stream = 'post:{fund}' AND entry_id NOT LIKE '%:rev'"));
        Assert.Equal(6, await CountAsync(world, $"SELECT COUNT(*) FROM journal WHERE stream = 'post:{fund}'"));
        Assert.Equal(
            (wholePages.Violations.Count, wholePages.Settlements, wholePages.Cancellations, wholePages.Postings, wholePages.PersonsChecked, wholePages.AnnualCapsChecked, wholePages.ClosesChecked, wholePages.PayoutRunsChecked),
            (report.Violations.Count, report.Settlements, report.Cancellations, report.Postings, report.PersonsChecked, report.AnnualCapsChecked, report.ClosesChecked, report.PayoutRunsChecked));
        Assert.Equal(wholePages.FundSpending.OrderBy(p => p.Key), report.FundSpending.OrderBy(p => p.Key));
        Assert.Equal([fund], report.FundSpending.Keys);

        // What it held: a page, and sums by account (posted and implied, for the pooled fund and the hospital), person,
        // person-year (2025), hospital day (1 September, 2 September, 3 October) and payout month (September's late
        // settlement and October's); no settlement id.
        var accounts = await CountAsync(world, "SELECT COUNT(DISTINCT stream) FROM journal WHERE stream LIKE 'post:%'");
        Assert.Equal(2, accounts);
        var expectedFootprint = (PageSize, 2 * accounts, Persons, Persons, 3, 2, 0, 0);
        Assert.Equal(expectedFootprint, Describe(footprint));

        // A posting changed: the pooled fund's reversal posting of a cancelled October settlement (no payout covers it), 1.00 more.
        var pooled = await world.Fund(Scheme.UrbanResident, nameof(FundType.BasicPooled)).GetSnapshotAsync();
        var spent = report.FundSpending[fund];
        var postingId = LedgerNames.PostingEntry(settled["C1"].SettlementId!, fund, reversal: true);
        var afterPosting = await WithPayloadAsync(world, postingId, json => json["amount"] = json["amount"]!.GetValue<long>() + 100, auditor);
        Assert.Equal(
            [
                $"{fund}: postings sum to {spent + Money.Yuan(1)} but the settlements imply {spent}.",
                $"{fund}: balance {pooled.Spending} differs from its applied postings {spent + Money.Yuan(1)} (applied through {pooled.AppliedThroughSequence}).",
            ],
            afterPosting.Violations);

        // A record's fund line changed, 1.00 more than its fund pay sum: the postings it carries break double entry, so
        // none is counted (its receivable neither), and the settlement implies the changed amount.
        var c0 = settled["C0"];
        var c0Fund = c0.Breakdown!.FundsPaid.BasicPooled;
        var c0Owed = c0.Breakdown.FundPaySum + c0.Breakdown.AccountPaid;
        var hospital = (await world.Institution(world.HospitalCode).GetSnapshotAsync())!;
        var afterLine = await WithPayloadAsync(world, LedgerNames.SettlementEntry(c0.SettlementId!), json =>
            json["breakdown"]!["fundLines"]![0]!["amountPaid"] = json["breakdown"]!["fundLines"]![0]!["amountPaid"]!.GetValue<long>() + 100, auditor);
        Assert.Equal(
            [
                $"{fund}: postings sum to {spent - c0Fund} but the settlements imply {spent + Money.Yuan(1)}.",
                $"{fund}: balance {pooled.Spending} differs from its applied postings {spent - c0Fund} (applied through {pooled.AppliedThroughSequence}).",
                $"{institution}: postings sum to {hospital.Receivable - c0Owed} but the settlements imply {hospital.Receivable}.",
                $"{institution}: balance {hospital.Receivable} differs from its applied postings {hospital.Receivable - c0Owed} (applied through {hospital.AppliedThroughSequence}).",
                $"Entry setl:{c0.SettlementId}: Settlement {c0.SettlementId}: fund postings {c0Fund + Money.Yuan(1)} do not equal the receivable {c0.Breakdown.FundPaySum} (debits must equal credits).",
            ],
            afterLine.Violations);

        // A cancel lost (moved out of the cancels): its settlement counts again.
        var receivable = (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.Receivable;
        var b2 = settled["B2"].Breakdown!;
        var cancelId = LedgerNames.CancellationEntry(settled["B2"].SettlementId!);
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET entry_id = 'moved:' || entry_id WHERE entry_id = @e", ("@e", cancelId));
        var afterCancel = await auditor.AuditAsync();
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET entry_id = @e WHERE entry_id = 'moved:' || @e", ("@e", cancelId));
        Assert.Equal(5, afterCancel.Cancellations);
        Assert.Equal(3, afterCancel.Violations.Count);
        Assert.Equal($"{fund}: postings sum to {spent} but the settlements imply {spent + b2.FundsPaid.BasicPooled}.", afterCancel.Violations[0]);
        Assert.Equal($"{institution}: postings sum to {receivable} but the settlements imply {receivable + b2.FundPaySum}.", afterCancel.Violations[1]);
        Assert.StartsWith($"Person {world.Id("P2")} year 2025: accumulators ", afterCancel.Violations[2], StringComparison.Ordinal);

        // A cancel filed under another settlement's entry id: still the cancel of its own settlement, and reported.
        var c1 = settled["C1"].SettlementId!;
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET entry_id = 'cancel:elsewhere' WHERE entry_id = @e", ("@e", LedgerNames.CancellationEntry(c1)));
        var afterMisfiled = await auditor.AuditAsync();
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET entry_id = @e WHERE entry_id = 'cancel:elsewhere'", ("@e", LedgerNames.CancellationEntry(c1)));
        Assert.Equal([$"Entry cancel:elsewhere holds the cancel of settlement {c1}, whose entry id is cancel:{c1}."], afterMisfiled.Violations);
        Assert.Equal(6, afterMisfiled.Cancellations);

        // A run changed: September's payout line pays 1.00 less than it owes.
        var line = Assert.Single(payout.Lines);
        var afterRun = await WithPayloadAsync(world, LedgerNames.MonthlyPayoutRunEntry(September), json => json["lines"]![0]!["paid"] = (line.Paid - Money.Yuan(1)).Fen, auditor);
        Assert.Equal(
            [
                $"{institution}: postings sum to {receivable} but the settlements imply {receivable + Money.Yuan(1)}.",
                $"Monthly payout monthly-payout:2025-09: fund {fund} to institution {world.HospitalCode} records owed {line.Owed}, deductions 0.00, deducted 0.00, paid {line.Paid - Money.Yuan(1)}, " +
                    $"the postings and deductions it covers make owed {line.Owed}, deductions 0.00, deducted 0.00, paid {line.Paid}.",
                $"Monthly payout monthly-payout:2025-09: totals owed {payout.Owed}, deducted {payout.Deducted}, paid {payout.Paid}; its lines sum to {line.Owed}, {line.Deducted}, {line.Paid - Money.Yuan(1)}.",
            ],
            afterRun.Violations);

        // Twenty more settlements and five more cancels of the same persons and days: the audit holds no more than before.
        for (var i = 0; i < 20; i++)
        {
            await SettleAsync($"D{i}", i % Persons, 1_000m + (10m * i), October);
        }

        for (var i = 0; i < 20; i += 4)
        {
            await CancelAsync($"D{i}", 0);
        }

        await world.Dispatcher.DrainAsync();
        var (grown, grownFootprint) = await auditor.AuditAndMeasureAsync();
        Assert.True(grown.Passed, string.Join("\n", grown.Violations));
        Assert.Equal((50, 11), (grown.Settlements, grown.Cancellations));
        Assert.Equal(expectedFootprint, Describe(grownFootprint));
    }

    /// <summary>An auditor of <paramref name="world"/>'s cluster that reads <see cref="PageSize"/> entries a page.</summary>
    private static LedgerAuditor SmallPageAuditor(SettlementWorld world) =>
        new(world.Services.GetRequiredService<IJournal>(), world.Services.GetRequiredService<IGrainFactory>(), world.Services.GetRequiredService<PolicyCatalogProvider>())
        {
            PageSize = PageSize,
        };

    private static (int Entries, int AccountSums, int Persons, int PersonYears, int InstitutionDays, int PayoutBuckets, int SelfPayEntries, int SettlementIds) Describe(AuditFootprint f) =>
        (f.Entries, f.AccountSums, f.Persons, f.PersonYears, f.InstitutionDays, f.PayoutBuckets, f.SelfPayEntries, f.SettlementIds);

    /// <summary>Audits with entry <paramref name="entryId"/>'s payload changed by <paramref name="change"/>, then puts it back.</summary>
    private static async Task<AuditReport> WithPayloadAsync(SettlementWorld world, string entryId, Action<JsonNode> change, LedgerAuditor auditor)
    {
        var original = await ReadPayloadAsync(world.DatabasePath, entryId);
        var tampered = JsonNode.Parse(original)!;
        change(tampered);
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", tampered.ToJsonString()), ("@e", entryId));
        try
        {
            return await auditor.AuditAsync();
        }
        finally
        {
            await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", original), ("@e", entryId));
        }
    }

    private static async Task<int> CountAsync(SettlementWorld world, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
