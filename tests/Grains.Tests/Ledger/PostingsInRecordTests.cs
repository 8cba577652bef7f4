using System.Text.Json.Nodes;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Microsoft.Data.Sqlite;
using Xunit;
using static Medisettle.Grains.Tests.Jobs.JournalRows;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// A settlement's fund and personal-account postings travel inside its record; only its receivable posting is a row.
/// Records written before, with every posting a row, are read as they are, beside the new ones: the fund pools get
/// each posting once, and the audit passes. A cluster of this test alone, so every balance change is exact.
/// </summary>
public sealed class PostingsInRecordTests
{
    /// <summary>The one employee (the other person is a resident): the scheme selects the fund pools posted to.</summary>
    private const string EmployeeId = "E1";

    [Fact]
    public async Task A_settlement_writes_its_receivable_as_its_one_posting_row_and_its_fund_postings_reach_the_funds_once_beside_old_shape_records()
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

        // The new shape: one posting row per settlement, the receivable; the record says it carries the others.
        foreach (var outcome in new[] { old, settled, pharmacy })
        {
            Assert.Equal([$"post:{outcome.SettlementId}:inst:{Institution(outcome)}"], await PostingRowsAsync(world, outcome.SettlementId!));
            var record = JsonNode.Parse(await ReadPayloadAsync(world.DatabasePath, LedgerNames.SettlementEntry(outcome.SettlementId!)))!;
            Assert.True(record["fundPostingsInRecord"]!.GetValue<bool>());
        }

        // M3 as an older version wrote it, before the dispatcher read it: no flag on the record, every posting a row.
        await ToOldShapeAsync(world, old);
        Assert.Equal(Expected(old).Count + 1, (await PostingRowsAsync(world, old.SettlementId!)).Count);

        await world.Dispatcher.DrainAsync();
        var all = new[] { old, settled, pharmacy };
        foreach (var (account, spent) in Sum(all))
        {
            Assert.Equal(spent, (await world.Cluster.Client.GetGrain<Interfaces.Grains.IFundPoolGrain>(account).GetSnapshotAsync()).Spending);
        }

        var audit = await world.Auditor.AuditAsync();
        Assert.True(audit.Passed, string.Join("\n", audit.Violations));
        Assert.Equal(all.Sum(o => Expected(o).Count + 1), audit.Postings);
        Assert.Equal(
            Sum(all).Where(pair => !pair.Value.IsZero).OrderBy(pair => pair.Key, StringComparer.Ordinal),
            audit.FundSpending.Where(pair => !pair.Value.IsZero).OrderBy(pair => pair.Key, StringComparer.Ordinal));

        // Cancels of both shapes write reversal rows; each takes back exactly its settlement.
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
        var receivable = (await world.Institution(world.HospitalCode).GetSnapshotAsync())!.Receivable;
        Assert.Equal(settled.Breakdown!.FundPaySum + settled.Breakdown.AccountPaid, receivable);

        string Institution(SettlementOutcome outcome) => outcome == pharmacy ? world.PharmacyCode : world.HospitalCode;
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
        // The account's and the pooled fund's postings inside the records, and the two receivable rows.
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

    /// <summary>Rewrites a settlement as the older version wrote it: its record without the flag and listing every posting, each posting a row.</summary>
    private static async Task ToOldShapeAsync(SettlementWorld world, SettlementOutcome outcome)
    {
        var entryId = LedgerNames.SettlementEntry(outcome.SettlementId!);
        var record = LedgerJson.Deserialize<SettlementRecord>(await ReadPayloadAsync(world.DatabasePath, entryId));
        var carried = LedgerWriter.FundPostingsOf(record);
        Assert.Equal(Expected(outcome), carried.ToDictionary(p => p.Account, p => p.Amount, StringComparer.Ordinal));
        var oldRecord = record with { FundPostingsInRecord = null, PostingIds = [.. carried.Select(p => p.PostingId), .. record.PostingIds] };
        await ExecuteAsync(world.DatabasePath, "UPDATE journal SET payload = @p WHERE entry_id = @e", ("@p", LedgerJson.Serialize(oldRecord)), ("@e", entryId));
        foreach (var posting in carried)
        {
            await ExecuteAsync(
                world.DatabasePath,
                "INSERT INTO journal (stream, entry_id, payload, created_at) SELECT @s, @e, @p, created_at FROM journal WHERE entry_id = @r",
                ("@s", LedgerNames.PostingStream(posting.Account)), ("@e", posting.PostingId), ("@p", LedgerJson.Serialize(posting)), ("@r", entryId));
        }
    }
}
