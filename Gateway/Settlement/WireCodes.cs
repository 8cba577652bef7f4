using System.Diagnostics.CodeAnalysis;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Settlement;

/// <summary>
/// The one place where national-platform codes meet domain enums (tables in docs/gateway.md):
/// med_type → <see cref="VisitType"/>, chrgitm_lv / hilist_class → <see cref="FeeClass"/>, list_type →
/// <see cref="ItemKind"/>, <see cref="FundType"/> → fund_pay_type, scheme → insutype, category → psn_type,
/// assistance status → psn_idet_type.
/// </summary>
public static class WireCodes
{
    /// <summary>医疗类别 med_type codes the gateway settles.</summary>
    public static bool TryVisitType(string? medType, [NotNullWhen(true)] out VisitType? type, out bool transfer)
    {
        transfer = medType == "23";
        type = medType switch
        {
            "11" or "12" or "13" => VisitType.Outpatient,
            "14" => VisitType.SpecialDiseaseOutpatient,
            "15" => VisitType.OutpatientMajorDisease,
            "21" or "23" or "24" => VisitType.Inpatient,
            "22" or "16" => VisitType.Accident,
            "41" => VisitType.Pharmacy,
            _ => null,
        };
        return type is not null;
    }

    /// <summary>收费项目等级 chrgitm_lv "01"/"02"/"03" (also "1"/"2"/"3"): 甲/乙/丙类. Missing means 甲类 (no catalogue yet).</summary>
    public static bool TryFeeClass(string? level, out FeeClass feeClass)
    {
        switch (level)
        {
            case null or "01" or "1":
                feeClass = FeeClass.ClassA;
                return true;
            case "02" or "2":
                feeClass = FeeClass.ClassB;
                return true;
            case "03" or "3":
                feeClass = FeeClass.ClassC;
                return true;
            default:
                feeClass = default;
                return false;
        }
    }

    public static string FeeClassCode(FeeClass feeClass) => feeClass switch
    {
        FeeClass.ClassA => "01",
        FeeClass.ClassB => "02",
        _ => "03",
    };

    /// <summary>
    /// 目录类别 list_type: 101 西药中成药 and 103 自制剂 → approved drug, 102 中药饮片, 301 医用耗材 → device,
    /// 201 医疗服务项目 → service; local extensions 901 卫消字 disinfectant, 902 化妆品, 903 食品, 904 保健品.
    /// Missing: <paramref name="fallback"/>.
    /// </summary>
    public static bool TryItemKind(string? listType, ItemKind fallback, out ItemKind kind)
    {
        ItemKind? mapped = listType switch
        {
            null => fallback,
            "101" or "103" => ItemKind.ApprovedDrug,
            "102" => ItemKind.ChineseHerbalPieces,
            "201" => ItemKind.Service,
            "301" => ItemKind.MedicalDevice,
            "901" => ItemKind.Disinfectant,
            "902" => ItemKind.Cosmetic,
            "903" => ItemKind.Food,
            "904" => ItemKind.Supplement,
            _ => null,
        };
        kind = mapped ?? default;
        return mapped is not null;
    }

    /// <summary>基金支付类型 fund_pay_type.</summary>
    public static string FundPayType(FundType fund) => fund switch
    {
        FundType.BasicPooled => "310100",
        FundType.CriticalIllness => "390200",
        FundType.LargeAmount => "330100",
        _ => "610100",
    };

    /// <summary>The fund_pay_type of the personal account line (个人账户).</summary>
    public const string PersonalAccountPayType = "310200";

    /// <summary>险种类型 insutype: 310 职工基本医疗保险, 390 城乡居民基本医疗保险 (all resident schemes).</summary>
    public static string Insutype(Scheme scheme) => scheme == Scheme.Employee ? "310" : "390";

    /// <summary>人员类别 psn_type.</summary>
    public static string PersonType(PersonCategory category) => category switch
    {
        PersonCategory.Employed => "11",
        PersonCategory.Retired => "12",
        PersonCategory.Veteran => "13",
        PersonCategory.AdultResident => "21",
        PersonCategory.StudentChild => "22",
        _ => "23",
    };

    /// <summary>人员身份类别 psn_idet_type.</summary>
    public static string IdentityType(AssistanceStatus status) => status switch
    {
        AssistanceStatus.MinimumLivingAllowance => "2301",
        AssistanceStatus.FiveGuaranteesDispersed => "2302",
        AssistanceStatus.FiveGuaranteesCentralised => "2303",
        AssistanceStatus.ExtremePoverty => "2304",
        AssistanceStatus.SevereDisability => "2305",
        AssistanceStatus.LowIncomeElderly => "2306",
        _ => "2307",
    };
}
