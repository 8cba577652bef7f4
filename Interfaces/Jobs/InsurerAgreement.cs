namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// 合作标的 the year's insurer cooperation agreement for one pooled fund (S2 第3篇): the insured persons the target is
/// counted on (target = the pack's per-capita spending × <see cref="InsuredPersons"/>). Recorded by an administrator
/// before the year's first monthly run, once per fund and year (journal entry <c>insurer-agreement:{fund}:{yyyy}</c>).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record InsurerAgreement
{
    /// <summary>The pooled fund (its <c>FundPoolKey</c> string, <c>{region}:{scheme}:BasicPooled</c>).</summary>
    [Id(0)] public required string Fund { get; init; }

    [Id(1)] public required int Year { get; init; }

    /// <summary>实际参保人数, positive.</summary>
    [Id(2)] public required int InsuredPersons { get; init; }
}
