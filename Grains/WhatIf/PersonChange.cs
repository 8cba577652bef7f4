using Medisettle.Interfaces;

namespace Medisettle.Grains.WhatIf;

/// <summary>One person's fund payments in the period, recorded and under the candidate.</summary>
public sealed record PersonChange
{
    /// <summary>Masked (first 6 and last 4 characters kept).</summary>
    public required string Person { get; init; }

    public required string Group { get; init; }

    public required long Settlements { get; init; }

    public required Money FundPaidBefore { get; init; }

    public required Money FundPaidAfter { get; init; }

    public required Money Change { get; init; }

    public required bool AtCapBefore { get; init; }

    public required bool AtCapAfter { get; init; }
}
