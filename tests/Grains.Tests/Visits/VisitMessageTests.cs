using System.Text;
using System.Text.Json.Nodes;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Grains.Visits;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;
using Medisettle.Storage.Compression;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Medisettle.Grains.Tests.Visits.VisitRequests;

namespace Medisettle.Grains.Tests.Visits;

/// <summary>
/// A visit remembers the message ids of the changes it accepted for <see cref="SettlementOptions.VisitMessageRetention"/>,
/// however many came after them: a repeat within that time is answered and changes nothing. A change past
/// <see cref="VisitGrain.MessagesMax"/> within it is refused with nothing changed, rather than forgetting a message
/// whose repeat a gateway could still let through; once the oldest are older than the retention, changes are accepted
/// again and those messages are forgotten.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class VisitMessageTests
{
    private static readonly TimeSpan Retention = new SettlementOptions().VisitMessageRetention;

    [Fact]
    public async Task A_repeat_is_answered_after_any_number_of_changes_within_the_retention_and_one_change_too_many_is_refused_until_the_oldest_are_old()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 1, 0, 0, TimeSpan.Zero));
        await using var cluster = await SettlementCluster.StartAsync(clock: clock);
        var world = await cluster.NewWorldAsync();
        var visit = world.Cluster.Client.GetGrain<IVisitGrain>(world.Id("MD1"));
        Assert.True((await visit.OpenAsync(Opening(world, "M0"))).Accepted);

        // The registration and MessagesMax − 1 fee uploads, the first of them at the start of the retention.
        for (var i = 1; i < VisitGrain.MessagesMax; i++)
        {
            Assert.True((await visit.AddFeeLinesAsync(Command(world, $"M{i}"), [Line($"L{i}")])).Accepted, $"upload {i}");
            if (i == 1)
            {
                clock.Advance(Retention - TimeSpan.FromSeconds(1));
            }
        }

        var repeatOfFirst = await visit.AddFeeLinesAsync(Command(world, "M1"), [Line("L1")]);
        var oneTooMany = await visit.AddFeeLinesAsync(Command(world, "M-next"), [Line("L-next")]);
        var linesWhenFull = (await visit.GetAsync())!.FeeLines.Count;

        clock.Advance(TimeSpan.FromSeconds(2)); // the registration and M1 are now older than the retention
        var afterwards = await visit.AddFeeLinesAsync(Command(world, "M-next"), [Line("L-next")]);
        var lateRepeatOfFirst = await visit.AddFeeLinesAsync(Command(world, "M1"), [Line("L1")]);
        var repeatOfSecond = await visit.AddFeeLinesAsync(Command(world, "M2"), [Line("L2")]);

        Assert.True(repeatOfFirst.Accepted);
        Assert.Equal(VisitGrain.MessagesMax - 1, repeatOfFirst.Visit!.FeeLines.Count); // answered, not applied again
        Assert.Equal(VisitRejectionCode.TooManyRecentChanges, oneTooMany.Rejection);
        Assert.Equal(
            $"Visit {world.Id("MD1")} accepted {VisitGrain.MessagesMax} changes within {Retention.TotalMinutes:0.#} minutes (MessagesMax); retry once the oldest is older than that.",
            oneTooMany.Message);
        Assert.Equal(VisitGrain.MessagesMax - 1, linesWhenFull);
        Assert.True(afterwards.Accepted);
        Assert.Equal(VisitGrain.MessagesMax, afterwards.Visit!.FeeLines.Count);
        // M1 is forgotten: reaching the visit directly, its repeat is a new upload of a line the visit holds. Through a
        // gateway it would have been refused as expired long before (twice the replay window is within the retention).
        Assert.Equal(VisitRejectionCode.DuplicateFeeLine, lateRepeatOfFirst.Rejection);
        Assert.True(repeatOfSecond.Accepted); // M2 came one retention − 1 s later and is still remembered
        Assert.Equal(VisitGrain.MessagesMax, repeatOfSecond.Visit!.FeeLines.Count);
    }

    [Fact]
    public async Task Messages_an_earlier_version_kept_without_a_time_are_read_and_forgotten_oldest_first_when_the_visit_is_full()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 2, 1, 0, 0, TimeSpan.Zero));
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.VisitIdleTimeout = TimeSpan.FromSeconds(1), clock: clock);
        var world = await cluster.NewWorldAsync();
        var visit = world.Cluster.Client.GetGrain<IVisitGrain>(world.Id("MD2"));
        Assert.True((await visit.OpenAsync(Opening(world, "M0"))).Accepted);
        await GrainActivations.WaitUntilGoneAsync(world.Cluster.Client, visit, "the open visit (idle timeout 1 s)");

        // As an earlier version kept them: a full list, no times.
        var state = JsonNode.Parse(await StoredStateAsync(world, "MD2"))!.AsObject();
        state["messages"] = new JsonArray([.. Enumerable.Range(0, VisitGrain.MessagesMax).Select(i => (JsonNode)new JsonObject { ["messageId"] = $"OLD{i}", ["operation"] = "fees" })]);
        await StoreStateAsync(world, "MD2", state.ToJsonString());

        var repeatOfOldest = await visit.AddFeeLinesAsync(Command(world, "OLD0"), [Line("L0")]); // still remembered: answered
        var change = await visit.AddFeeLinesAsync(Command(world, "M1"), [Line("L1")]);
        var stored = JsonNode.Parse(await StoredStateAsync(world, "MD2"))!["messages"]!.AsArray();

        Assert.True(repeatOfOldest.Accepted);
        Assert.Empty(repeatOfOldest.Visit!.FeeLines);
        Assert.True(change.Accepted);
        Assert.Equal(VisitGrain.MessagesMax, stored.Count);
        Assert.Equal("OLD1", (string?)stored[0]!["messageId"]); // OLD0 made room
        Assert.Null(stored[0]!["acceptedAt"]);
        Assert.Equal("M1", (string?)stored[^1]!["messageId"]);
        Assert.Equal(clock.GetUtcNow(), stored[^1]!["acceptedAt"]!.GetValue<DateTimeOffset>());
    }

    private static async Task<string> StoredStateAsync(SettlementWorld world, string visit)
    {
        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'visit' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", world.Id(visit));
        var payload = (byte[])(await command.ExecuteScalarAsync())!;
        return Encoding.UTF8.GetString(PayloadCodec.Decode(payload, "State", visit).Span);
    }

    /// <summary>Stores <paramref name="json"/> as the visit's state, as JSON text (the storage reads an uncompressed payload as it is).</summary>
    private static async Task StoreStateAsync(SettlementWorld world, string visit, string json)
    {
        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE grain_state SET payload = $payload WHERE state_name = 'visit' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", world.Id(visit));
        command.Parameters.AddWithValue("$payload", Encoding.UTF8.GetBytes(json));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static VisitFeeLine Line(string serialNo) => new()
    {
        SerialNo = serialNo,
        BatchNo = "B1",
        Line = new FeeLine { CatalogueCode = "C1", Name = "service", Class = FeeClass.ClassA, Amount = Money.FromYuan(1m), ItemKind = ItemKind.Service },
    };
}
