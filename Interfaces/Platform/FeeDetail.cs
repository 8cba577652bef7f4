namespace Medisettle.Interfaces.Platform;

/// <summary>2204/2301 feedetail: one fee line. Amounts are yuan with at most two decimals.</summary>
public sealed record FeeDetail
{
    public required string FeedetlSn { get; init; }

    public required string MdtrtId { get; init; }

    public required string PsnNo { get; init; }

    public required string ChrgBchno { get; init; }

    public required string FeeOcurTime { get; init; }

    public required string MedListCodg { get; init; }

    public required string MedinsListCodg { get; init; }

    public required decimal DetItemFeeSumamt { get; init; }

    public required decimal Cnt { get; init; }

    public required decimal Pric { get; init; }

    public string? DiseCodg { get; init; }

    public string? RxCircFlag { get; init; }

    public string? SinDosDscr { get; init; }

    public string? UsedFrquDscr { get; init; }

    public int? PrdDays { get; init; }

    public string? MedcWayDscr { get; init; }

    public string? BilgDeptCodg { get; init; }

    public string? BilgDeptName { get; init; }

    public string? BilgDrCodg { get; init; }

    public string? BilgDrName { get; init; }

    public string? HospApprFlag { get; init; }

    /// <summary>收费项目等级 01 甲类, 02 乙类, 03 丙类 (the platform derives it from its catalogue; here the HIS sends it). Missing: 01.</summary>
    public string? ChrgitmLv { get; init; }

    /// <summary>目录类别 (101 drug, 102 中药饮片, 201 service, 301 device, 901–904 local; see docs/gateway.md). Missing: 201.</summary>
    public string? ListType { get; init; }
}
