namespace Medisettle.Grains.Policy;

/// <summary>
/// 协议病种 : 普通病种包干 (S4 §6): an inpatient stay whose diagnosis is on <see cref="AgreedDiseaseCodes"/> is an
/// agreed-disease case, any other inpatient stay a flat-rate case. Per hospital and period of
/// <see cref="PeriodMonths"/> (from January), once the period has <see cref="CasesMin"/> cases, agreed-disease cases
/// above <see cref="RatioMax"/> × flat-rate cases raise an alert on the institution.
/// </summary>
public sealed record AgreedDiseaseRatioRule
{
    public required IReadOnlyList<string> AgreedDiseaseCodes { get; init; }

    public required decimal RatioMax { get; init; }

    /// <summary>1, 2, 3, 4, 6 or 12 (periods tile the calendar year).</summary>
    public required int PeriodMonths { get; init; }

    public required int CasesMin { get; init; }
}
