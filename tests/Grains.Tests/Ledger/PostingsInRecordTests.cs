using System.Text.Json.Nodes;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Medisettle.Grains.Tests.Jobs.JournalRows;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// A settlement's postings travel inside its record, which its institution indexes when it applies the receivable
/// (<see cref="ReceivableIndex"/>): a settlement writes no posting row. Records of the three shapes written before (every
/// posting a row; the fund postings in the record and the receivable a row; every posting in the record, which is read
/// in the institution's posting stream as its second stream) are read as they are, beside the new ones: the fund pools
/// and the institutions get each posting once, an institution's statement lists each receivable once, and the audit
/// passes. A cluster of this test alone, so every balance change is exact.
/// </summary>
public sealed class PostingsInRecordTests
{
    /// <summary>The one employee (the other person is a resident): the scheme selects the fund pools posted to.</summary>
    private const string EmployeeId = "E1";

    [Fact]
    public async Task A_settlement_writes_no_posting_row_and_its_postings_reach_funds_and_institution_once_beside_both_older_shapes()
    {
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var employee = await world.EnrolAsync(EmployeeId, Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var resident = await world.EnrolAsync("P1");
        var pharmacy = await employee.SettleAsync(world.Pharmacy("M1", 120m));
        var settled = await resident.SettleAsync(world.Inpatient("M2", 6_000m));
        var old = await employee.SettleAsync(world.Inpatient("M3", 8_000m));
        Assert.All([old, settled, pharmacy], o => Assert.Equal(SettlementStatus.Settled, o.Status));
        Assert.Equal(Money.FromYuan(120m), pharmacy.Breakdown!.AccountPaid);
        Assert.Equal(2, Expected(old).Count); // the pooled fund and the rest of the account

        // The new shape: no posting row; the record says it carries them all and names no second stream.
        foreach (var outcome in new[] { old, settled, pharmacy })
        {
            Assert.Empty(await PostingRowsAsync(world, outcome.SettlementId!));
            var record = JsonNode.Parse(await ReadPayloadAsync(world.DatabasePath, LedgerNames.SettlementEntry(outcome.SettlementId!)))!;
            Assert.True(record["fundPostingsInRecord"]!.GetValue<bool>());
            Assert.True(record["receivableInRecord"]!.GetValue<bool>());
            Assert.Empty(record["postingIds"]!.AsArray());
            Assert.Null(await AlsoStreamAsync(world, outcome.SettlementId!));
        }

        // As older versions wrote them, before the dispatcher read them: M3 with every posting a row and no flag on its
        // record; M1 with its fund postings in the record and its receivable a row.
        await ToOldShapeAsync(world, old, fundPostingsInRecord: false);
        await ToOldShapeAsync(world, pharmacy, fundPostingsInRecord: true);
        // M2 as the versions before this one wrote it: read in the hospital's posting stream as its second stream.
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET also_stream = @a WHERE entry_id = @e",
            ("@a", LedgerNames.PostingStream(LedgerNames.InstitutionAccount(world.HospitalCode))), ("@e", LedgerNames.SettlementEntry(settled.SettlementId!)));
        Assert.Equal(Expected(old).Count + 1, (await PostingRowsAsync(world, old.SettlementId!)).Count);
        Assert.Equal([$"post:{pharmacy.SettlementId}:inst:{world.PharmacyCode}"], await PostingRowsAsync(world, pharmacy.SettlementId!));

        await world.Dispatcher.DrainAsync();
        var all = new[] { old, settled, pharmacy };
        foreach (var (account, spent) in Sum(all))
        {
            Assert.Equal(spent, (await world.Cluster.Client.GetGrain<Interfaces.Grains.IFundPoolGrain>(account).GetSnapshotAsync()).Spending);
        }

        Assert.Equal(Owed(old) + Owed(settled), (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.Receivable);
        Assert.Equal(Owed(pharmacy), (await world.Institution(world.PharmacyCode).GetSnapshotAsync())!.Receivable);
        // The hospital indexed both receivables as it applied them: M2's record and the row M3's receivable was rewritten into.
        Assert.Equal([await SequenceAsync(world, LedgerNames.SettlementEntry(settled.SettlementId!)), await SequenceAsync(world, $"post:{old.SettlementId}:inst:{world.HospitalCode}")],
            await IndexedAsync(world, world.HospitalCode));
        var statement = await ReceivablesAsync(world, world.HospitalCode);
        // In journal order, each once though both are read in the posting stream too: M2's record, then M3's row.
        Assert.Equal([(settled.SettlementId!, Owed(settled)), (old.SettlementId!, Owed(old))], statement.Select(p => (p.SettlementId, p.Amount)));
        Assert.All(statement, p => Assert.Equal($"inst:{world.HospitalCode}", p.Account));
        var inpatient = Assert.Single(statement, p => p.SettlementId == settled.SettlementId);
        Assert.Equal(settled.Breakdown!.TotalAmount, inpatient.Totals!.MedicalFeeTotal);
        Assert.Equal(settled.Breakdown.CashPaid, inpatient.Totals.CashPaid);
        Assert.Equal(settled.Breakdown.InpatientCase, inpatient.InpatientCase);
        Assert.Equal([(pharmacy.SettlementId!, Owed(pharmacy))], (await ReceivablesAsync(world, world.PharmacyCode)).Select(p => (p.SettlementId, p.Amount)));

        var audit = await world.Auditor.AuditAsync();
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.Equal(all.Sum(o => Expected(o).Count + 1), audit.Postings);
        Assert.Equal(
            Sum(all).Where(pair => !pair.Value.IsZero).OrderBy(pair => pair.Key, StringComparer.Ordinal),
            audit.FundSpending.Where(pair => !pair.Value.IsZero).OrderBy(pair => pair.Key, StringComparer.Ordinal));

        // Cancels of the older shapes write reversal rows; each takes back exactly its settlement.
        await employee.CancelAsync(new CancelCommand { MessageId = "C3", InstitutionCode = world.HospitalCode, SettlementId = old.SettlementId! });
        await employee.CancelAsync(new CancelCommand { MessageId = "C1", InstitutionCode = world.PharmacyCode, SettlementId = pharmacy.SettlementId! });
        await world.Dispatcher.DrainAsync();
        foreach (var (account, spent) in Sum(all))
        {
            Assert.Equal(Sum([settled]).GetValueOrDefault(account), (await world.Cluster.Client.GetGrain<Interfaces.Grains.IFundPoolGrain>(account).GetSnapshotAsync()).Spending);
        }

        var afterCancels = await world.Auditor.AuditAsync();
        Assert.True(afterCancels.Passed, string.Join("\n", afterCancels.Violations));
        Assert.Equal(2, afterCancels.Cancellations);
        Assert.Equal(Owed(settled), (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.Receivable);
        Assert.Equal(Money.Zero, (await world.Institution(world.PharmacyCode).GetSnapshotAsync())!.Receivable);
    }

    /// <summary>A new-shape settlement cancelled: its reversals are rows, and the funds and the institution are back to zero.</summary>
    [Fact]
    public async Task A_cancel_of_a_settlement_that_carries_its_postings_takes_each_back_once()
    {
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var resident = await world.EnrolAsync("P1");
        var settled = await resident.SettleAsync(world.Inpatient("M1", 6_000m));
        await world.Dispatcher.DrainAsync();
        Assert.Equal(Owed(settled), (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.Receivable);

        await resident.CancelAsync(new CancelCommand { MessageId = "C1", InstitutionCode = world.HospitalCode, SettlementId = settled.SettlementId! });
        await world.Dispatcher.DrainAsync();

        Assert.Equal(Expected(settled).Count + 1, (await PostingRowsAsync(world, settled.SettlementId!)).Count); // the reversals
        Assert.Equal(Money.Zero, (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.Receivable);
        foreach (var account in Expected(settled).Keys)
        {
            Assert.Equal(Money.Zero, (await world.Cluster.Client.GetGrain<Interfaces.Grains.IFundPoolGrain>(account).GetSnapshotAsync()).Spending);
        }

        Assert.Equal(
            [(settled.SettlementId!, PostingKind.Settlement, Owed(settled)), (settled.SettlementId!, PostingKind.Reversal, -Owed(settled))],
            (await ReceivablesAsync(world, world.HospitalCode)).Select(p => (p.SettlementId, p.Kind, p.Amount)));
        var audit = await world.Auditor.AuditAsync();
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.Equal(2 * (Expected(settled).Count + 1), audit.Postings);
    }

    [Fact]
    public async Task Before_the_dispatcher_delivers_the_audit_counts_every_posting_a_record_carries_as_pending_and_passes()
    {
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var employee = await world.EnrolAsync(EmployeeId, Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var resident = await world.EnrolAsync("P1");
        var pharmacy = await employee.SettleAsync(world.Pharmacy("M1", 120m));
        var inpatient = await resident.SettleAsync(world.Inpatient("M2", 6_000m));

        var before = await world.Auditor.AuditAsync();
        await world.Dispatcher.DrainAsync();
        var after = await world.Auditor.AuditAsync();

        Assert.True(before.Passed, string.Join("\n", before.Violations));
        // Every posting inside the records: the account's, the pooled fund's and the two receivables.
        Assert.Equal(Expected(pharmacy).Count + Expected(inpatient).Count + 2, before.PendingPostings);
        Assert.Equal(4, before.PendingPostings);
        Assert.True(after.Passed, string.Join("\n", after.Violations));
        Assert.Equal(0, after.PendingPostings);
    }

    /// <summary>What a settlement's fund and account postings are, from its breakdown alone: account and amount.</summary>
    private static Dictionary<string, Money> Expected(SettlementOutcome outcome)
    {
        var breakdown = outcome.Breakdown!;
        var region = SettlementWorld.Region;
        var scheme = breakdown.PersonId.EndsWith(EmployeeId, StringComparison.Ordinal) ? Scheme.Employee : Scheme.UrbanResident;
        var postings = breakdown.FundLines.Where(l => !l.AmountPaid.IsZero)
            .ToDictionary(l => FundPoolKey.For(region, scheme, l.FundType).ToString(), l => l.AmountPaid, StringComparer.Ordinal);
        if (!breakdown.AccountPaid.IsZero)
        {
            postings.Add(FundPoolKey.PersonalAccount(region, scheme).ToString(), breakdown.AccountPaid);
        }

        return postings;
    }

    private static Dictionary<string, Money> Sum(IEnumerable<SettlementOutcome> outcomes)
    {
        var sums = new Dictionary<string, Money>(StringComparer.Ordinal);
        foreach (var (account, amount) in outcomes.SelectMany(Expected))
        {
            sums[account] = sums.GetValueOrDefault(account) + amount;
        }

        return sums;
    }

    private static async Task<List<string>> PostingRowsAsync(SettlementWorld world, string settlementId)
    {
        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT entry_id FROM journal WHERE stream LIKE 'post:%' AND entry_id LIKE @p ORDER BY sequence";
        command.Parameters.AddWithValue("@p", $"post:{settlementId}:%");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>
    /// Rewrites a settlement as an older version wrote it: its receivable a row, and its record not read in the institution's
    /// stream; with <paramref name="fundPostingsInRecord"/> false, every posting a row and no flag on the record.
    /// </summary>
    private static async Task ToOldShapeAsync(SettlementWorld world, SettlementOutcome outcome, bool fundPostingsInRecord)
    {
        var entryId = LedgerNames.SettlementEntry(outcome.SettlementId!);
        var record = LedgerJson.Deserialize<SettlementRecord>(await ReadPayloadAsync(world.DatabasePath, entryId));
        var carried = LedgerWriter.CarriedPostingsOf(record);
        Assert.Equal(Expected(outcome), carried.SkipLast(1).ToDictionary(p => p.Account, p => p.Amount, StringComparer.Ordinal));
        Assert.Equal((LedgerNames.InstitutionAccount(record.InstitutionCode), Owed(outcome)), (carried[^1].Account, carried[^1].Amount));
        var rows = fundPostingsInRecord ? carried.TakeLast(1).ToList() : carried.ToList();
        var oldRecord = record with
        {
            FundPostingsInRecord = fundPostingsInRecord ? true : null,
            ReceivableInRecord = null,
            PostingIds = [.. rows.Select(p => p.PostingId)],
        };
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p, also_stream = NULL WHERE entry_id = @e", ("@p", LedgerJson.Serialize(oldRecord)), ("@e", entryId));
        foreach (var posting in rows)
        {
            await ExecuteAsync(
                world.DatabasePath,
                "INSERT INTO journal (stream, entry_id, payload, created_at) SELECT @s, @e, @p, created_at FROM journal WHERE entry_id = @r",
                ("@s", LedgerNames.PostingStream(posting.Account)), ("@e", posting.PostingId), ("@p", LedgerJson.Serialize(posting)), ("@r", entryId));
        }
    }

    /// <summary>What a settlement owes its institution: the funds' and the account's part.</summary>
    private static Money Owed(SettlementOutcome outcome) => outcome.Breakdown!.FundPaySum + outcome.Breakdown.AccountPaid;

    /// <summary>The institution's statement (settlements and reversals of every day), as the admin API reads it.</summary>
    private static Task<IReadOnlyList<Posting>> ReceivablesAsync(SettlementWorld world, string institutionCode) =>
        world.Services.GetRequiredService<LedgerQueries>().ReadReceivablesAsync(institutionCode, DateOnly.MinValue, DateOnly.MaxValue, 100, CancellationToken.None);

    /// <summary>Every sequence the institution's receivable index names, in its order.</summary>
    private static async Task<List<long>> IndexedAsync(SettlementWorld world, string institutionCode)
    {
        var journal = world.Services.GetRequiredService<Storage.Journal.IJournal>();
        var entries = await journal.ReadAsync(ReceivableIndex.Stream(institutionCode), 0, 100);
        return [.. entries.SelectMany(e => LedgerJson.Deserialize<ReceivableIndexEntry>(e).Days.SelectMany(d => d.Sequences()))];
    }

    private static async Task<long> SequenceAsync(SettlementWorld world, string entryId) =>
        (await world.Services.GetRequiredService<Storage.Journal.IJournal>().FindAsync(entryId))!.Sequence;

    private static async Task<string?> AlsoStreamAsync(SettlementWorld world, string settlementId)
    {
        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT also_stream FROM journal WHERE entry_id = @e";
        command.Parameters.AddWithValue("@e", LedgerNames.SettlementEntry(settlementId));
        return await command.ExecuteScalarAsync() as string;
    }
}
