
namespace Medisettle.Interfaces.Settlement;

/// <summary>A person's profile, personal-account balance and accumulators by benefit year.</summary>
public sealed record PersonSnapshot
{
    public required PersonProfile Profile { get; init; }

    public required Money AccountBalance { get; init; }

    /// <summary>Accumulators per benefit year, oldest first.</summary>
    public required IReadOnlyList<YearToDate> Years { get; init; }

    /// <summary>Settlements committed and not cancelled: visit id → settlement id.</summary>
    public required IReadOnlyDictionary<string, string> ActiveSettlements { get; init; }

    public YearToDate YearToDateFor(int benefitYear) =>
        Years.FirstOrDefault(y => y.BenefitYear == benefitYear) ?? YearToDate.Empty(benefitYear);
}
