namespace Medisettle.Interfaces.Settlement;

/// <summary>险种 insurance scheme a person is enrolled in.</summary>
[GenerateSerializer]
public enum Scheme
{
    /// <summary>职工基本医疗保险 employee scheme (has a personal account).</summary>
    Employee,

    /// <summary>城镇居民基本医疗保险 urban resident scheme.</summary>
    UrbanResident,

    /// <summary>新型农村合作医疗 (新农合) rural cooperative scheme.</summary>
    RuralCooperative,

    /// <summary>城乡居民基本医疗保险 merged urban-rural resident scheme.</summary>
    MergedResident,
}
