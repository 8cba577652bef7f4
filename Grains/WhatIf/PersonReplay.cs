using Medisettle.Interfaces;

namespace Medisettle.Grains.WhatIf;

/// <summary>One person in a replay: the two chains and the period's sums.</summary>
internal sealed class PersonReplay
{
    public ReplayChain Before { get; } = new();

    public ReplayChain After { get; } = new();

    /// <summary>False until the first record: the account balance is taken from it.</summary>
    public bool Started { get; set; }

    public long SettlementsInPeriod { get; set; }

    public Money FundPaidBefore { get; set; }

    public Money FundPaidAfter { get; set; }

    /// <summary>The group and the profile of the person's last period settlement (for the cap at the end).</summary>
    public string? Group { get; set; }

    public Medisettle.Interfaces.Ledger.SettlementInput? LastInput { get; set; }

    /// <summary>Benefit years of the person's period settlements.</summary>
    public HashSet<int> PeriodYears { get; } = [];
}
