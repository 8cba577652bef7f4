using Medisettle.LoadTest.Targets;
using Medisettle.LoadTest.Workload;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Medisettle.LoadTest.Tests;

[Collection(GatewayCollection.Name)]
public sealed class HttpRetryTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Retries_sent_in_the_same_millisecond_as_the_settlement_are_answered_with_the_first_settlement()
    {
        // A stopped clock: the settlement and both retries are signed in the same millisecond. Before each send got its
        // own signing time the retries carried the settlement's signature and the gateway refused them as replays.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var target = new HttpTarget(new HttpOptions { BaseAddress = gateway.BaseAddress, Credentials = gateway.Credentials }, clock);
        var plan = GatewayPlans.Pharmacy(1, seed: 3, hoursEarlier: 2)[0];

        var settled = await target.ExecuteAsync(plan, null, CancellationToken.None);
        var first = await target.ExecuteAsync(plan with { Kind = SwipeKind.Retry }, settled.Acknowledged, CancellationToken.None);
        var second = await target.ExecuteAsync(plan with { Kind = SwipeKind.Retry }, settled.Acknowledged, CancellationToken.None);

        Assert.Equal((SwipeStatus.Settled, null), (settled.Status, settled.Detail));
        Assert.Equal((SwipeKind.Retry, SwipeStatus.Replayed, null), (first.Kind, first.Status, first.Detail));
        Assert.Equal((SwipeKind.Retry, SwipeStatus.Replayed, null), (second.Kind, second.Status, second.Detail));
    }
}
