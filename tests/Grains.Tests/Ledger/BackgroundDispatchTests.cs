using System.Diagnostics;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// The posting dispatcher in the background: each pass delivers every posting committed before it, so a consumer is
/// written once a pass however many settlements it had, and postings arrive without anyone draining the dispatcher.
/// </summary>
public sealed class BackgroundDispatchTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Ten_settlements_at_one_pharmacy_reach_it_without_a_drain_in_one_write_a_pass()
    {
        await using var cluster = await SettlementCluster.StartAsync(configure: o =>
        {
            o.DispatchInBackground = true;
            o.DispatchIdleDelay = Pause;
        });
        var world = await cluster.NewWorldAsync();
        var persons = new List<IPersonGrain>();
        for (var i = 0; i < 10; i++)
        {
            persons.Add(await world.EnrolAsync($"B{i}", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m));
        }

        var pharmacy = world.Institution(world.PharmacyCode);
        var before = (await pharmacy.GetSnapshotAsync())!;
        var writesBefore = await VersionAsync(world.DatabasePath, world.PharmacyCode);

        var settling = Stopwatch.StartNew();
        var owed = Money.Zero;
        for (var i = 0; i < persons.Count; i++)
        {
            var outcome = await persons[i].SettleAsync(world.Pharmacy($"BG{i}", 10m));
            Assert.Equal(SettlementStatus.Settled, outcome.Status);
            owed += outcome.Breakdown!.FundPaySum + outcome.Breakdown.AccountPaid;
        }

        var settledIn = settling.Elapsed;
        var deadline = Stopwatch.StartNew();
        var after = (await pharmacy.GetSnapshotAsync())!;
        while (after.PostingsApplied < before.PostingsApplied + persons.Count && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            after = (await pharmacy.GetSnapshotAsync())!;
        }

        var writes = await VersionAsync(world.DatabasePath, world.PharmacyCode) - writesBefore;

        Assert.Equal(before.PostingsApplied + persons.Count, after.PostingsApplied);
        Assert.Equal(Money.FromYuan(100m), owed); // each paid from the person's account
        Assert.Equal(before.Receivable + owed, after.Receivable);
        // The passes that can have seen these settlements: those that began while they were being made, and one after.
        var passes = (int)(settledIn / Pause) + 2;
        Assert.InRange(writes, 1, passes);
    }

    private static async Task<long> VersionAsync(string databasePath, string institutionCode)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE grain_type = 'institution' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", institutionCode);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
