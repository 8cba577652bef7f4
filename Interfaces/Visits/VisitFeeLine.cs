using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Visits;

/// <summary>An uploaded fee line of a visit (2204/2301), with the HIS's ids for withdrawing it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record VisitFeeLine
{
    /// <summary>费用明细流水号 (wire <c>feedetl_sn</c>), unique within the visit.</summary>
    [Id(0)] public required string SerialNo { get; init; }
    /// <summary>收费批次号 (wire <c>chrg_bchno</c>).</summary>
    [Id(1)] public required string BatchNo { get; init; }
    [Id(2)] public required FeeLine Line { get; init; }
}
