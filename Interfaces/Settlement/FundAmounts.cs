namespace Medisettle.Interfaces.Settlement;

/// <summary>
/// One amount per fund (<see cref="FundType"/>): 统筹基金 basic pooled fund, 大额医疗 large amount,
/// 大病保险 critical illness, 医疗救助 medical assistance. The personal account (个人账户) is not a fund
/// and is kept beside it. What the amounts mean (paid by one settlement, counted against a year's
/// caps) is said by the property that holds them.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record FundAmounts
{
    public static FundAmounts Zero { get; } = new();

    /// <summary>统筹基金 basic pooled fund.</summary>
    [Id(0)] public Money BasicPooled { get; init; }

    /// <summary>大额医疗 large-amount add-on.</summary>
    [Id(1)] public Money LargeAmount { get; init; }

    /// <summary>大病保险 critical-illness insurance.</summary>
    [Id(2)] public Money CriticalIllness { get; init; }

    /// <summary>医疗救助 medical assistance.</summary>
    [Id(3)] public Money MedicalAssistance { get; init; }

    /// <summary>The amount of one fund.</summary>
    public Money this[FundType fund] => fund switch
    {
        FundType.BasicPooled => BasicPooled,
        FundType.LargeAmount => LargeAmount,
        FundType.CriticalIllness => CriticalIllness,
        FundType.MedicalAssistance => MedicalAssistance,
        _ => throw new ArgumentOutOfRangeException(nameof(fund), fund, "Unknown fund."),
    };

    public static FundAmounts operator +(FundAmounts a, FundAmounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new()
        {
            BasicPooled = a.BasicPooled + b.BasicPooled,
            LargeAmount = a.LargeAmount + b.LargeAmount,
            CriticalIllness = a.CriticalIllness + b.CriticalIllness,
            MedicalAssistance = a.MedicalAssistance + b.MedicalAssistance,
        };
    }

    public static FundAmounts operator -(FundAmounts a, FundAmounts b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return a + -b;
    }

    public static FundAmounts operator -(FundAmounts a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            BasicPooled = -a.BasicPooled,
            LargeAmount = -a.LargeAmount,
            CriticalIllness = -a.CriticalIllness,
            MedicalAssistance = -a.MedicalAssistance,
        };
    }
}
