namespace Medisettle.Interfaces.Platform;

/// <summary>2101/2102 drugdetail: one drug or device line.</summary>
public sealed record PharmacyDrugLine
{
    public required string FixmedinsHilistId { get; init; }

    public required string MedListCodg { get; init; }

    public required decimal DetItemFeeSumamt { get; init; }

    public required decimal Cnt { get; init; }

    public required decimal Pric { get; init; }

    /// <summary>医保目录等级 as chrgitm_lv: 01/1 甲类, 02/2 乙类, 03/3 丙类. Missing: 01.</summary>
    public string? HilistClass { get; init; }

    /// <summary>周期天数 days of supply (the long-prescription and duplicate-purchase rules use it).</summary>
    public int? PrdDays { get; init; }

    public string? FixmedinsBchno { get; init; }

    public string? RxCircFlag { get; init; }

    /// <summary>目录类别 (101 drug, 102 中药饮片, 301 device, 901–904 local; see docs/gateway.md). Missing: 101.</summary>
    public string? ListType { get; init; }
}
