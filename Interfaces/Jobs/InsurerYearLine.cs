namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// One pooled fund's year-end settlement (年终清算) of the insurer cooperation: the rest of the premium is paid, the
/// year's result (total premium − the year's claims) is shared by marginal bands, assessments are deducted, and
/// <see cref="FinalSettlement"/> squares the insurer's position with <see cref="InsurerNet"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record InsurerYearLine
{
    [Id(0)] public required string Fund { get; init; }

    [Id(1)] public required string RiskAccount { get; init; }

    [Id(2)] public required string PackId { get; init; }

    [Id(3)] public required int Year { get; init; }

    [Id(4)] public required int InsuredPersons { get; init; }

    [Id(5)] public required Money Target { get; init; }

    /// <summary>付清全年其余保费: target − premium paid by the monthly runs, never below 0.</summary>
    [Id(6)] public required Money RemainingPremium { get; init; }

    [Id(7)] public required Money TotalPremium { get; init; }

    /// <summary>The year's spending dated in the year not claimed by the monthly runs (negative when it went down since).</summary>
    [Id(8)] public required Money LateClaims { get; init; }

    /// <summary>The fund's spending dated in the year: every claim of the year.</summary>
    [Id(9)] public required Money TotalClaims { get; init; }

    /// <summary>结余 (positive) or 赤字 (negative): total premium − total claims.</summary>
    [Id(10)] public required Money Result { get; init; }

    /// <summary>The part of the result the bands apply to at most: the pack's share (10 %) of the total premium.</summary>
    [Id(11)] public required Money BandCap { get; init; }

    /// <summary>The insurer's share of the result by the marginal bands, signed like the result (a reward, or the deficit it bears).</summary>
    [Id(12)] public required Money Share { get; init; }

    [Id(13)] public required int Complaints { get; init; }

    [Id(14)] public required int MissedWarnings { get; init; }

    /// <summary>What the assessments deduct from the insurer's share.</summary>
    [Id(15)] public required Money Deductions { get; init; }

    /// <summary>What the insurer keeps of the year: share − deductions.</summary>
    [Id(16)] public required Money InsurerNet { get; init; }

    /// <summary>Pre-settled by the monthly runs (returned by the insurer to the risk account).</summary>
    [Id(17)] public required Money PreSettled { get; init; }

    /// <summary>What the insurer pays the risk account now (negative: the risk account pays the insurer): result − pre-settled − insurer net.</summary>
    [Id(18)] public required Money FinalSettlement { get; init; }
}
