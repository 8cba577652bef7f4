using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.LoadTest.Workload;

/// <summary>The demo persons and institutions of a run (from <see cref="DemoData"/>), indexed for the planner.</summary>
public sealed class DemoPopulation
{
    public DemoPopulation(int personCount, int institutionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(personCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(institutionCount, 25);
        PersonCount = personCount;
        InstitutionCount = institutionCount;
        Persons = Enumerable.Range(0, personCount).Select(i => DemoData.Person(i).Profile).ToArray();
        Employees = Indexes(Persons, p => p.Scheme == Scheme.Employee);
        Institutions = Enumerable.Range(0, institutionCount).Select(DemoData.InstitutionProfileAt).ToArray();
        Pharmacies = Institutions.Where(i => i.Kind == InstitutionKind.Pharmacy).ToArray();
        Hospitals = Institutions.Where(i => i.Kind == InstitutionKind.Hospital).ToArray();
        Outpatient = Institutions.Where(i => i.Kind != InstitutionKind.Pharmacy).ToArray();
    }

    public int PersonCount { get; }

    public int InstitutionCount { get; }

    public IReadOnlyList<PersonProfile> Persons { get; }

    /// <summary>Indexes into <see cref="Persons"/> of the employees (the pharmacy customers).</summary>
    public IReadOnlyList<int> Employees { get; }

    public IReadOnlyList<InstitutionProfile> Institutions { get; }

    public IReadOnlyList<InstitutionProfile> Pharmacies { get; }

    public IReadOnlyList<InstitutionProfile> Hospitals { get; }

    /// <summary>Everything but pharmacies.</summary>
    public IReadOnlyList<InstitutionProfile> Outpatient { get; }

    private static int[] Indexes(IReadOnlyList<PersonProfile> persons, Func<PersonProfile, bool> predicate) =>
        Enumerable.Range(0, persons.Count).Where(i => predicate(persons[i])).ToArray();
}
