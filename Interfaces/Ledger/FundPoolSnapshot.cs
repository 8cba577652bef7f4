
namespace Medisettle.Interfaces.Ledger;

/// <summary>A fund pool's consumed ledger: spending is the sum of its applied postings.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FundPoolSnapshot
{
    [Id(0)] public required string Key { get; init; }

    /// <summary>Income applied from income postings (recorded by the administrator per year; a reserve pool's set-asides).</summary>
    [Id(1)] public required Money Income { get; init; }

    /// <summary>Sum of the applied postings other than income (settlements minus reversals, payout deductions, reserve set-asides).</summary>
    [Id(2)] public required Money Spending { get; init; }

    /// <summary>Income − spending.</summary>
    public Money Balance => Income - Spending;

    [Id(3)] public required long AppliedThroughSequence { get; init; }

    [Id(4)] public required int PostingsApplied { get; init; }
}
