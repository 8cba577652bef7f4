namespace Medisettle.Interfaces.Platform;

/// <summary>2101/2102 drugdetail: one drug or device line.</summary>
public sealed record PharmacyDrugLine
{
    public required string FixmedinsHilistId { get; init; }

    public required string MedListCodg { get; init; }

    public required decimal DetItemFeeSumamt { get; init; }

    public required decimal Cnt { get; init; }

    public required decimal Pric { get; init; }

    public string? HilistClass { get; init; }

    public int? PrdDays { get; init; }

    public string? FixmedinsBchno { get; init; }

    public string? RxCircFlag { get; init; }
}
