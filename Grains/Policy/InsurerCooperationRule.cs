using Medisettle.Interfaces;

namespace Medisettle.Grains.Policy;

/// <summary>
/// 政保合作 an insurer running the resident scheme's risk (S2 第3篇; DOMAIN.md §7): the year's target is
/// <see cref="PerCapitaTarget"/> × the insured persons agreed; the pooled fund moves <see cref="RiskFundPerYear"/> into a
/// risk account, which pays the premiums and receives the insurer's claims; premium − claims is pre-settled monthly,
/// and the year's result is shared by <see cref="Bands"/> less the assessments' deductions.
/// </summary>
public sealed record InsurerCooperationRule
{
    /// <summary>Who runs the risk (人保健康 in the seed); shown in runs and reports only.</summary>
    public required string Insurer { get; init; }

    /// <summary>The agreed per-capita spending of the year (464 yuan in 2012).</summary>
    public required Money PerCapitaTarget { get; init; }

    /// <summary>风险防范资金 moved from the pooled fund into the risk account each year (10,000,000).</summary>
    public required Money RiskFundPerYear { get; init; }

    /// <summary>The premium paid first in month 1 (1,000,000); month 1's premium is at least this and 1/12 of the target.</summary>
    public required Money FirstPremium { get; init; }

    /// <summary>The insurer's share of premium − claims in the monthly pre-settlement (0.40: 四六预结算, the risk account takes the rest).</summary>
    public required decimal InsurerPreSettlementShare { get; init; }

    /// <summary>
    /// The marginal bands of the year's surplus or deficit the insurer gets or bears, in order of <c>upTo</c>; the last
    /// has no <c>upTo</c> and runs to <see cref="BandCapPremiumRate"/> of the total premium.
    /// </summary>
    public required IReadOnlyList<InsurerShareBand> Bands { get; init; }

    /// <summary>Beyond this share of the total premium (0.10) the insurer gets or bears nothing (0 %).</summary>
    public required decimal BandCapPremiumRate { get; init; }

    /// <summary>Deducted per justified complaint, as a share of the per-capita target (0.10).</summary>
    public required decimal ComplaintDeductionRate { get; init; }

    /// <summary>Deducted per missed report or risk warning, as a share of the year's total target (0.0001).</summary>
    public required decimal MissedWarningDeductionRate { get; init; }
}
