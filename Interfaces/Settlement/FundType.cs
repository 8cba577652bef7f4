namespace Medisettle.Interfaces.Settlement;

/// <summary>
/// 基金支付类型 fund paying a part of a settlement (one <see cref="FundLine"/> each). The gateway
/// maps these to the wire <c>fund_pay_type</c> codes (e.g. 310100 / 390100 basic pooled fund,
/// 390200 大病保险, 330100 大额医疗, 610100 医疗救助).
/// </summary>
[GenerateSerializer]
public enum FundType
{
    /// <summary>统筹基金 basic pooled fund (incl. special-disease outpatient payments).</summary>
    BasicPooled,

    /// <summary>大额医疗 large-amount add-on above the basic cap.</summary>
    LargeAmount,

    /// <summary>大病保险 resident critical-illness insurance.</summary>
    CriticalIllness,

    /// <summary>医疗救助 medical assistance.</summary>
    MedicalAssistance,
}
