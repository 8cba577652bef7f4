
namespace Medisettle.Interfaces.Ledger;

/// <summary>A fund pool's consumed ledger: spending is the sum of its applied postings.</summary>
public sealed record FundPoolSnapshot
{
    public required string Key { get; init; }

    /// <summary>Income credited by the administrator (premiums, subsidies).</summary>
    public required Money Income { get; init; }

    /// <summary>Sum of the applied postings (settlements minus reversals).</summary>
    public required Money Spending { get; init; }

    /// <summary>Income − spending.</summary>
    public Money Balance => Income - Spending;

    public required long AppliedThroughSequence { get; init; }

    public required int PostingsApplied { get; init; }
}
