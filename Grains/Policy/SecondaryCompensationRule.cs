using Medisettle.Interfaces;

namespace Medisettle.Grains.Policy;

/// <summary>
/// 二次补偿 (S4 §4, 孝感): at year end, the pooled fund's surplus above <see cref="RetainedRate"/> of the year's income
/// re-compensates inpatients whose year's in-policy self-pay after reimbursement exceeds <see cref="SelfPayFrom"/>, on the
/// part up to <see cref="SelfPayTo"/>, at <see cref="Rate"/>; scaled down pro rata when the surplus is short.
/// </summary>
public sealed record SecondaryCompensationRule
{
    /// <summary>Share of the year's income kept as surplus (10 % in S4), a fraction 0–1.</summary>
    public required decimal RetainedRate { get; init; }

    /// <summary>Lower bound of the band (孝昌: 3,000), yuan in the pack.</summary>
    public required Money SelfPayFrom { get; init; }

    /// <summary>Upper bound of the band (孝昌: 13,000), yuan in the pack.</summary>
    public required Money SelfPayTo { get; init; }

    /// <summary>Compensation rate on the band (not stated in the seed: the reference pack assumes 30 %), a fraction 0–1.</summary>
    public required decimal Rate { get; init; }
}
