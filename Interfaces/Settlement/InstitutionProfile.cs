namespace Medisettle.Interfaces.Settlement;

/// <summary>定点医药机构 the institution where the visit is settled.</summary>
[GenerateSerializer]
[Immutable]
public sealed record InstitutionProfile
{
    /// <summary>定点医药机构编号 (wire <c>fixmedins_code</c>).</summary>
    [Id(0)] public required string Code { get; init; }

    [Id(1)] public required InstitutionKind Kind { get; init; }

    [Id(2)] public required InstitutionLevel Level { get; init; }

    /// <summary>就医地 the institution's region (admdvs), six digits.</summary>
    [Id(3)] public required string Region { get; init; }

    [Id(4)] public required DesignationStatus Designation { get; init; }

    /// <summary>联网 networked for real-time settlement.</summary>
    [Id(5)] public required bool Networked { get; init; }

    /// <summary>First day the institution is networked; null = networked since always.</summary>
    [Id(6)] public DateOnly? NetworkedSince { get; init; }
}
