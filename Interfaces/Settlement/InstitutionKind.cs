namespace Medisettle.Interfaces.Settlement;

/// <summary>定点医药机构类别 kind of designated institution.</summary>
[GenerateSerializer]
public enum InstitutionKind
{
    Hospital,
    Clinic,

    /// <summary>定点零售药店 designated retail pharmacy.</summary>
    Pharmacy,

    /// <summary>社区卫生服务机构 community health service.</summary>
    CommunityHealthService,

    /// <summary>乡镇卫生院 township health centre.</summary>
    TownshipHealthCentre,

    /// <summary>村卫生室 village clinic.</summary>
    VillageClinic,
}
