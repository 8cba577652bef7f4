using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Bench;

/// <summary>
/// Fresh settlements of the standard mix as the engine sees them (demo persons and institutions, the shipped packs,
/// empty accumulators, a 2,000-yuan account): the inputs of the single-thread and storage-only benchmarks.
/// </summary>
internal sealed class SettlementSamples
{
    private readonly WorkloadPlanner _planner;
    private readonly Dictionary<string, InstitutionProfile> _institutions;
    private readonly Dictionary<string, PersonProfile> _persons;

    public SettlementSamples(int persons = 20_000, int institutions = 500, int seed = 7)
    {
        var population = RunSession.Population(persons, institutions);
        _planner = new WorkloadPlanner(population, WorkloadMix.Default with { Cancel = 0, Retry = 0 }, seed, DateTimeOffset.UtcNow);
        _institutions = population.Institutions.ToDictionary(i => i.Code, StringComparer.Ordinal);
        _persons = population.Persons.ToDictionary(p => p.PersonId, StringComparer.Ordinal);
        Engine = new SettlementEngine(PolicyPackLoader.LoadDirectory(PolicyPackLoader.DefaultDirectory));
    }

    public SettlementEngine Engine { get; }

    /// <summary>The <paramref name="index"/>-th planned settlement (its msgid is unique) and its engine input.</summary>
    public (SwipePlan Plan, EngineInput Input) Next(long index)
    {
        var plan = _planner.Next(index);
        return (plan, new EngineInput
        {
            Person = _persons[plan.PersonId],
            Institution = _institutions[plan.Fresh.InstitutionCode],
            Visit = plan.Fresh.Visit,
            YearToDate = YearToDate.Empty(2026),
            PersonalAccountBalance = Money.Yuan(2_000),
        });
    }
}
