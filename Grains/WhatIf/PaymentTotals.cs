using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.WhatIf;

/// <summary>
/// Sums of settlements' splits, per fund and for the personal account and cash (fen). Mutable: a replay adds and
/// (for a cancel) removes settlements as it goes.
/// </summary>
public sealed class PaymentTotals
{
    public long Settlements { get; set; }

    public Money Total { get; set; }

    public Money BasicPooled { get; set; }

    public Money LargeAmount { get; set; }

    public Money CriticalIllness { get; set; }

    public Money MedicalAssistance { get; set; }

    public Money FundPaySum { get; set; }

    public Money AccountPaid { get; set; }

    public Money CashPaid { get; set; }

    /// <summary>Adds (<paramref name="sign"/> 1) or removes (−1) one settlement's split.</summary>
    public void Add(SettlementBreakdown breakdown, int sign)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        Add(breakdown.TotalAmount, breakdown.FundsPaid, breakdown.AccountPaid, breakdown.CashPaid, sign);
    }

    /// <summary>Adds or removes a settlement the candidate refused: nothing paid by funds or the account, all cash.</summary>
    public void AddRefused(Money total, int sign) => Add(total, FundAmounts.Zero, Money.Zero, total, sign);

    public void Add(PaymentTotals other, int sign)
    {
        ArgumentNullException.ThrowIfNull(other);
        Settlements += sign * other.Settlements;
        Total += Signed(other.Total, sign);
        BasicPooled += Signed(other.BasicPooled, sign);
        LargeAmount += Signed(other.LargeAmount, sign);
        CriticalIllness += Signed(other.CriticalIllness, sign);
        MedicalAssistance += Signed(other.MedicalAssistance, sign);
        FundPaySum += Signed(other.FundPaySum, sign);
        AccountPaid += Signed(other.AccountPaid, sign);
        CashPaid += Signed(other.CashPaid, sign);
    }

    /// <summary><c>after − before</c>.</summary>
    public static PaymentTotals Delta(PaymentTotals before, PaymentTotals after)
    {
        ArgumentNullException.ThrowIfNull(before);
        var delta = new PaymentTotals();
        delta.Add(after, 1);
        delta.Add(before, -1);
        return delta;
    }

    private void Add(Money total, FundAmounts funds, Money account, Money cash, int sign)
    {
        Settlements += sign;
        Total += Signed(total, sign);
        BasicPooled += Signed(funds.BasicPooled, sign);
        LargeAmount += Signed(funds.LargeAmount, sign);
        CriticalIllness += Signed(funds.CriticalIllness, sign);
        MedicalAssistance += Signed(funds.MedicalAssistance, sign);
        FundPaySum += Signed(funds.BasicPooled + funds.LargeAmount + funds.CriticalIllness + funds.MedicalAssistance, sign);
        AccountPaid += Signed(account, sign);
        CashPaid += Signed(cash, sign);
    }

    private static Money Signed(Money amount, int sign) => sign > 0 ? amount : -amount;
}
