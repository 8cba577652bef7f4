namespace Medisettle.Grains.WhatIf;

/// <summary>One person group's totals (<c>{scheme}/{category}</c> of the person at the settlement).</summary>
public sealed record GroupTotals
{
    public required string Group { get; init; }

    public required long Persons { get; init; }

    public required long PersonsAtCapBefore { get; init; }

    public required long PersonsAtCapAfter { get; init; }

    public required PaymentTotals Before { get; init; }

    public required PaymentTotals After { get; init; }

    public required PaymentTotals Delta { get; init; }
}
