using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Tests;

/// <summary>Planned pharmacy swipes for the tests against <see cref="GatewayFixture"/>.</summary>
internal static class GatewayPlans
{
    /// <summary>
    /// The first <paramref name="count"/> fresh pharmacy settlements of a seeded plan. <paramref name="hoursEarlier"/>
    /// moves the run start (and so the msgids' stamp) back, so plans of different tests never share a msgid.
    /// </summary>
    public static IReadOnlyList<SwipePlan> Pharmacy(int count, int seed, int hoursEarlier)
    {
        var planner = new WorkloadPlanner(RunSession.Population(GatewayFixture.Persons, GatewayFixture.Institutions), WorkloadMix.Default, seed,
            DateTimeOffset.UtcNow.AddHours(-hoursEarlier));
        var plans = new List<SwipePlan>();
        for (long i = 0; plans.Count < count; i++)
        {
            if (planner.Next(i) is { FreshKind: SwipeKind.Pharmacy } plan)
            {
                plans.Add(plan with { Kind = SwipeKind.Pharmacy });
            }
        }

        return plans;
    }
}
