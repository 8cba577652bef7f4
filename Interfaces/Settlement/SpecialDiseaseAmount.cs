namespace Medisettle.Interfaces.Settlement;


/// <summary>Fund paid in a benefit year for one special disease (门诊特殊病种).</summary>
[GenerateSerializer]
[Immutable]
public sealed record SpecialDiseaseAmount(string DiseaseCode, Money Paid);
