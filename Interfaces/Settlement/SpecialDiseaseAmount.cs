namespace Medisettle.Interfaces.Settlement;

using Money = Medisettle.Interfaces.Money.Money;

/// <summary>Fund paid in a benefit year for one special disease (门诊特殊病种).</summary>
public sealed record SpecialDiseaseAmount(string DiseaseCode, Money Paid);
