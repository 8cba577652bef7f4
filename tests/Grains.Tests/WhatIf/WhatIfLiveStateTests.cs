using Medisettle.Grains.PolicyPacks;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Grains.WhatIf;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.WhatIf;

/// <summary>
/// A what-if replay reads the live journal of a running cluster and changes nothing: the journal head, the persons'
/// state and what they settle next are the same as without it. It re-runs the settlements the grains journaled.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class WhatIfLiveStateTests(SqliteClusters clusters)
{
    [Fact]
    public async Task A_replay_of_the_live_journal_leaves_the_journal_and_the_persons_as_they_were()
    {
        var world = await clusters.WorldAsync();
        var person = await world.EnrolAsync("P1");
        await person.SettleAsync(world.Inpatient("M1", 30_000m));
        await person.SettleAsync(world.Inpatient("M2", 30_000m));
        var journal = world.Services.GetRequiredService<IJournal>();
        var headBefore = await journal.ReadHeadSequenceAsync();
        var snapshotBefore = await person.GetSnapshotAsync();
        var json = await File.ReadAllTextAsync(Path.Combine(PolicyPackLoader.DefaultDirectory, "p0-990001-resident.json"));
        var candidate = PolicyPackLoader.Parse(json.Replace("\"annualCap\": 40000", "\"annualCap\": 20000", StringComparison.Ordinal), "candidate.json");
        var replay = new WhatIfReplay(
            PolicyPackLoader.LoadDirectory(PolicyPackLoader.DefaultDirectory), candidate,
            new WhatIfOptions { From = SettlementWorld.Day, To = SettlementWorld.Day });

        var result = await replay.RunAsync(journal);
        var headAfter = await journal.ReadHeadSequenceAsync();
        var snapshotAfter = await person.GetSnapshotAsync();

        Assert.True(result.RecordsRead >= 2, $"read {result.RecordsRead} records");
        Assert.True(result.ReplayedBefore >= 2, $"re-ran {result.ReplayedBefore} settlements");
        Assert.Equal(headBefore, headAfter);
        Assert.Equal(snapshotBefore!.YearToDateFor(2026), snapshotAfter!.YearToDateFor(2026));
        Assert.Equal(snapshotBefore.ActiveSettlements, snapshotAfter.ActiveSettlements);
    }
}
