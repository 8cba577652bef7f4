namespace Medisettle.Interfaces.Settlement;


/// <summary>
/// What one settlement added to the person's accumulators. Stored with the settlement so that a
/// cancel is its exact inverse: <c>ytd.Apply(delta).Reverse(delta) == ytd</c>.
/// </summary>
public sealed record AccumulatorDelta
{
    public required int BenefitYear { get; init; }

    /// <summary>统筹基金 paid on the basic (non special-disease) path.</summary>
    public Money BasicFundPaid { get; init; }

    /// <summary>In-scope cost counted against an <c>eligibleCost</c> cap.</summary>
    public Money EligibleCostCounted { get; init; }

    /// <summary>Deductible charged under a once-per-year rule (门诊大病).</summary>
    public Money YearlyDeductibleApplied { get; init; }

    /// <summary>大病 base added: in-scope − basic − 大额 of this settlement.</summary>
    public Money CriticalIllnessBase { get; init; }

    public Money CriticalIllnessPaid { get; init; }

    public Money LargeAmountPaid { get; init; }

    public Money AssistancePaid { get; init; }

    /// <summary>Special disease settled, when the visit was a special-disease outpatient visit.</summary>
    public string? SpecialDiseaseCode { get; init; }

    public Money SpecialDiseasePaid { get; init; }

    /// <summary>Paid from the personal account (the balance is kept outside the year).</summary>
    public Money AccountPaid { get; init; }
}
