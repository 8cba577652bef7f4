namespace Medisettle.Interfaces.Settlement;

/// <summary>医疗类别 kind of visit being settled.</summary>
[GenerateSerializer]
public enum VisitType
{
    /// <summary>住院 inpatient stay; the admission date decides pack and benefit year.</summary>
    Inpatient,

    /// <summary>普通门诊 ordinary outpatient.</summary>
    Outpatient,

    /// <summary>门诊大病 outpatient major disease (a pack lists which diseases).</summary>
    OutpatientMajorDisease,

    /// <summary>门诊特殊病种 special-disease outpatient (needs the disease's certificate).</summary>
    SpecialDiseaseOutpatient,

    /// <summary>定点药店购药 pharmacy purchase.</summary>
    Pharmacy,

    /// <summary>意外伤害 accident injury (inpatient or outpatient).</summary>
    Accident,
}
