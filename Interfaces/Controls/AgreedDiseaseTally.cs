namespace Medisettle.Interfaces.Controls;

/// <summary>
/// One hospital's inpatient cases in one period under one pack's 协议病种 rule, net of cancels: the counts the
/// 协议病种 : 包干 alert is decided on.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record AgreedDiseaseTally
{
    [Id(0)] public required string PackId { get; init; }

    [Id(1)] public required DateOnly PeriodStart { get; init; }

    /// <summary>Last day of the period (inclusive).</summary>
    [Id(2)] public required DateOnly PeriodEnd { get; init; }

    /// <summary>协议病种 settlements.</summary>
    [Id(3)] public required int AgreedDiseaseCases { get; init; }

    /// <summary>普通病种包干 settlements.</summary>
    [Id(4)] public required int FlatRateCases { get; init; }

    [Id(5)] public required decimal RatioMax { get; init; }

    [Id(6)] public required int CasesMin { get; init; }

    /// <summary>协议病种 : 包干 (null while there is no flat-rate case).</summary>
    public decimal? Ratio => FlatRateCases <= 0 ? null : decimal.Round((decimal)AgreedDiseaseCases / FlatRateCases, 4, MidpointRounding.AwayFromZero);

    /// <summary>At least <see cref="CasesMin"/> cases, and agreed-disease cases above <see cref="RatioMax"/> × flat-rate cases.</summary>
    public bool IsAboveRatio =>
        AgreedDiseaseCases + FlatRateCases >= CasesMin && AgreedDiseaseCases > RatioMax * FlatRateCases;

    /// <summary>The tally of the period containing <paramref name="date"/> with no case yet.</summary>
    public static AgreedDiseaseTally Empty(InpatientCase rule, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var start = new DateOnly(date.Year, (date.Month - 1) / rule.PeriodMonths * rule.PeriodMonths + 1, 1);
        return new AgreedDiseaseTally
        {
            PackId = rule.PackId,
            PeriodStart = start,
            PeriodEnd = start.AddMonths(rule.PeriodMonths).AddDays(-1),
            AgreedDiseaseCases = 0,
            FlatRateCases = 0,
            RatioMax = rule.RatioMax,
            CasesMin = rule.CasesMin,
        };
    }

    /// <summary>This tally with one case added (<paramref name="sign"/> 1) or taken back by a cancel (−1).</summary>
    public AgreedDiseaseTally Count(bool agreedDisease, int sign) => agreedDisease
        ? this with { AgreedDiseaseCases = checked(AgreedDiseaseCases + sign) }
        : this with { FlatRateCases = checked(FlatRateCases + sign) };
}
