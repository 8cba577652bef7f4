
namespace Medisettle.Interfaces.Settlement;

/// <summary>A person's profile, personal-account balance and accumulators by benefit year.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PersonSnapshot
{
    [Id(0)] public required PersonProfile Profile { get; init; }

    [Id(1)] public required Money AccountBalance { get; init; }

    /// <summary>Accumulators per benefit year, oldest first.</summary>
    [Id(2)] public required IReadOnlyList<YearToDate> Years { get; init; }

    /// <summary>Settlements committed and not cancelled: visit id → settlement id.</summary>
    [Id(3)] public required IReadOnlyDictionary<string, string> ActiveSettlements { get; init; }

    public YearToDate YearToDateFor(int benefitYear) =>
        Years.FirstOrDefault(y => y.BenefitYear == benefitYear) ?? YearToDate.Empty(benefitYear);
}
