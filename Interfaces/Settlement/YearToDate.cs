namespace Medisettle.Interfaces.Settlement;


/// <summary>
/// A person's accumulators for one benefit year (they reset when the year changes). The
/// personal-account balance carries over years and is therefore kept beside it, not in it.
/// Value equality covers the per-disease list too.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record YearToDate
{
    [Id(0)] public required int BenefitYear { get; init; }

    /// <summary>
    /// Paid by each fund so far this year, as counted against that fund's annual cap:
    /// <see cref="FundAmounts.BasicPooled"/> is the 统筹基金 paid on the basic path (the
    /// <c>fundPayment</c> cap base; special-disease payments are kept per disease in
    /// <see cref="SpecialDiseasePaid"/>).
    /// </summary>
    [Id(1)] public FundAmounts FundsPaid { get; init; } = FundAmounts.Zero;

    /// <summary>In-scope cost counted this year (the <c>eligibleCost</c> cap base).</summary>
    [Id(2)] public Money EligibleCostCounted { get; init; }

    /// <summary>Deductible already charged under once-per-year rules (门诊大病).</summary>
    [Id(3)] public Money YearlyDeductibleApplied { get; init; }

    /// <summary>大病 base: cumulative in-scope − basic − 大额.</summary>
    [Id(4)] public Money CriticalIllnessBase { get; init; }

    /// <summary>Special-disease fund paid per disease, sorted by code, no zero entries.</summary>
    [Id(8)] public IReadOnlyList<SpecialDiseaseAmount> SpecialDiseasePaid { get; init; } = [];

    public static YearToDate Empty(int benefitYear) => new() { BenefitYear = benefitYear };

    /// <summary>Of a person's accumulators by benefit year, those of <paramref name="benefitYear"/>, or an empty year.</summary>
    public static YearToDate HeldOrEmpty(IReadOnlyDictionary<int, YearToDate> years, int benefitYear)
    {
        ArgumentNullException.ThrowIfNull(years);
        return years.TryGetValue(benefitYear, out var held) ? held : Empty(benefitYear);
    }

    /// <summary>
    /// Of a person's accumulators by benefit year, those of the latest year not after <paramref name="year"/>, or an
    /// empty year: what the settlement engine is given (it starts a later benefit year from zero itself).
    /// </summary>
    public static YearToDate LatestNotAfter(IReadOnlyDictionary<int, YearToDate> years, int year)
    {
        ArgumentNullException.ThrowIfNull(years);
        YearToDate? best = null;
        foreach (var (benefitYear, ytd) in years)
        {
            if (benefitYear <= year && (best is null || benefitYear > best.BenefitYear))
            {
                best = ytd;
            }
        }

        return best ?? Empty(year);
    }

    public Money SpecialDiseasePaidFor(string diseaseCode)
    {
        foreach (var entry in SpecialDiseasePaid)
        {
            if (entry.DiseaseCode == diseaseCode)
            {
                return entry.Paid;
            }
        }

        return Money.Zero;
    }

    /// <summary>Adds a settlement's delta (same benefit year).</summary>
    public YearToDate Apply(AccumulatorDelta delta) => Combine(delta, 1);

    /// <summary>Removes a settlement's delta: the exact inverse of <see cref="Apply"/>.</summary>
    /// <exception cref="InvalidOperationException">The delta was never applied (an accumulator would go negative).</exception>
    public YearToDate Reverse(AccumulatorDelta delta) => Combine(delta, -1);

    public bool Equals(YearToDate? other) =>
        other is not null
        && BenefitYear == other.BenefitYear
        && FundsPaid == other.FundsPaid
        && EligibleCostCounted == other.EligibleCostCounted
        && YearlyDeductibleApplied == other.YearlyDeductibleApplied
        && CriticalIllnessBase == other.CriticalIllnessBase
        && SpecialDiseasePaid.SequenceEqual(other.SpecialDiseasePaid);

    public override int GetHashCode() =>
        HashCode.Combine(BenefitYear, FundsPaid, EligibleCostCounted, CriticalIllnessBase, SpecialDiseasePaid.Count);

    private YearToDate Combine(AccumulatorDelta delta, int sign)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.BenefitYear != BenefitYear)
        {
            throw new ArgumentException($"Delta of benefit year {delta.BenefitYear} applied to accumulators of {BenefitYear}.", nameof(delta));
        }

        return new YearToDate
        {
            BenefitYear = BenefitYear,
            FundsPaid = CombineFunds(delta.FundsPaid, sign),
            EligibleCostCounted = Step(EligibleCostCounted, delta.EligibleCostCounted, sign, nameof(EligibleCostCounted)),
            YearlyDeductibleApplied = Step(YearlyDeductibleApplied, delta.YearlyDeductibleApplied, sign, nameof(YearlyDeductibleApplied)),
            CriticalIllnessBase = Step(CriticalIllnessBase, delta.CriticalIllnessBase, sign, nameof(CriticalIllnessBase)),
            SpecialDiseasePaid = CombineDiseases(delta, sign),
        };
    }

    private FundAmounts CombineFunds(FundAmounts change, int sign) => new()
    {
        BasicPooled = Step(FundsPaid.BasicPooled, change.BasicPooled, sign, "FundsPaid.BasicPooled"),
        LargeAmount = Step(FundsPaid.LargeAmount, change.LargeAmount, sign, "FundsPaid.LargeAmount"),
        CriticalIllness = Step(FundsPaid.CriticalIllness, change.CriticalIllness, sign, "FundsPaid.CriticalIllness"),
        MedicalAssistance = Step(FundsPaid.MedicalAssistance, change.MedicalAssistance, sign, "FundsPaid.MedicalAssistance"),
    };

    private IReadOnlyList<SpecialDiseaseAmount> CombineDiseases(AccumulatorDelta delta, int sign)
    {
        if (delta.SpecialDiseaseCode is not { } code || delta.SpecialDiseasePaid.IsZero)
        {
            return SpecialDiseasePaid;
        }

        var updated = Step(SpecialDiseasePaidFor(code), delta.SpecialDiseasePaid, sign, nameof(SpecialDiseasePaid));
        var result = new List<SpecialDiseaseAmount>(SpecialDiseasePaid.Count + 1);
        foreach (var entry in SpecialDiseasePaid)
        {
            if (entry.DiseaseCode != code)
            {
                result.Add(entry);
            }
        }

        if (!updated.IsZero)
        {
            result.Add(new SpecialDiseaseAmount(code, updated));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.DiseaseCode, b.DiseaseCode));
        return result;
    }

    private static Money Step(Money current, Money change, int sign, string name)
    {
        var next = sign > 0 ? current + change : current - change;
        if (next.IsNegative)
        {
            throw new InvalidOperationException($"Accumulator {name} would become {next} (a delta reversed that was never applied).");
        }

        return next;
    }
}
