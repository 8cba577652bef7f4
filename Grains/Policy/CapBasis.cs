namespace Medisettle.Grains.Policy;

/// <summary>What an annual basic cap (封顶线/最高支付限额) limits.</summary>
public enum CapBasis
{
    /// <summary>The basic fund's payments in the year (most packs).</summary>
    FundPayment,

    /// <summary>The in-scope cost counted in the year; cost beyond it gets no basic payment (P2).</summary>
    EligibleCost,
}
