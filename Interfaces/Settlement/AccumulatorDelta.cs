namespace Medisettle.Interfaces.Settlement;


/// <summary>
/// What one settlement added to the person's accumulators. Stored with the settlement so that a
/// cancel is its exact inverse: <c>ytd.Apply(delta).Reverse(delta) == ytd</c>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record AccumulatorDelta
{
    [Id(0)] public required int BenefitYear { get; init; }

    /// <summary>
    /// Paid by each fund, as counted against its annual cap: <see cref="FundAmounts.BasicPooled"/> is
    /// the 统筹基金 paid on the basic (non special-disease) path; a special-disease payment is in
    /// <see cref="SpecialDiseasePaid"/>.
    /// </summary>
    [Id(1)] public FundAmounts FundsPaid { get; init; } = FundAmounts.Zero;

    /// <summary>In-scope cost counted against an <c>eligibleCost</c> cap.</summary>
    [Id(2)] public Money EligibleCostCounted { get; init; }

    /// <summary>Deductible charged under a once-per-year rule (门诊大病).</summary>
    [Id(3)] public Money YearlyDeductibleApplied { get; init; }

    /// <summary>大病 base added: in-scope − basic − 大额 of this settlement.</summary>
    [Id(4)] public Money CriticalIllnessBase { get; init; }

    /// <summary>Special disease settled, when the visit was a special-disease outpatient visit.</summary>
    [Id(8)] public string? SpecialDiseaseCode { get; init; }

    [Id(9)] public Money SpecialDiseasePaid { get; init; }

    /// <summary>Paid from the personal account (the balance is kept outside the year).</summary>
    [Id(10)] public Money AccountPaid { get; init; }
}
