namespace Medisettle.Interfaces.Settlement;

/// <summary>Fixed control rules for institutions (DOMAIN.md §6).</summary>
public static class InstitutionRules
{
    /// <summary>A pharmacy that has lost this many points in a year is removed (取消定点) at once (S3 §6 漳平).</summary>
    public const int PharmacyPointsMax = 12;
}
