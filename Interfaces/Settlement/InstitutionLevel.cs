namespace Medisettle.Interfaces.Settlement;

/// <summary>医院等级 institution level as policy packs key their deductibles and ratios.</summary>
[GenerateSerializer]
public enum InstitutionLevel
{
    /// <summary>一级.</summary>
    Tier1,

    /// <summary>二级.</summary>
    Tier2,

    /// <summary>三级.</summary>
    Tier3,

    /// <summary>社区 community level (社区卫生服务机构).</summary>
    Community,

    /// <summary>县以上 county level or higher.</summary>
    CountyOrHigher,

    /// <summary>未定级 unrated (e.g. a retail pharmacy).</summary>
    Unrated,
}
