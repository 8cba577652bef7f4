namespace Medisettle.Interfaces.Settlement;

/// <summary>定点医药机构 the institution where the visit is settled.</summary>
public sealed record InstitutionProfile
{
    /// <summary>定点医药机构编号 (wire <c>fixmedins_code</c>).</summary>
    public required string Code { get; init; }

    public required InstitutionKind Kind { get; init; }

    public required InstitutionLevel Level { get; init; }

    /// <summary>就医地 the institution's region (admdvs), six digits.</summary>
    public required string Region { get; init; }

    public required DesignationStatus Designation { get; init; }

    /// <summary>联网 networked for real-time settlement.</summary>
    public required bool Networked { get; init; }

    /// <summary>First day the institution is networked; null = networked since always.</summary>
    public DateOnly? NetworkedSince { get; init; }
}
