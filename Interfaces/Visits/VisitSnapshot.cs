using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Visits;

/// <summary>A registered visit with its uploaded fee lines.</summary>
[GenerateSerializer]
[Immutable]
public sealed record VisitSnapshot
{
    /// <summary>就诊ID (wire <c>mdtrt_id</c>).</summary>
    [Id(0)] public required string VisitId { get; init; }
    [Id(1)] public required string PersonId { get; init; }
    [Id(2)] public required string InstitutionCode { get; init; }
    [Id(3)] public required string InstitutionVisitNo { get; init; }
    [Id(4)] public required VisitType Type { get; init; }
    [Id(5)] public required DateOnly BeginDate { get; init; }
    [Id(6)] public DateOnly? DischargeDate { get; init; }
    [Id(7)] public string? DiseaseCode { get; init; }
    [Id(8)] public bool IsTransfer { get; init; }
    [Id(9)] public required IReadOnlyList<VisitFeeLine> FeeLines { get; init; }
    [Id(10)] public required VisitStatus Status { get; init; }
    /// <summary>结算ID while <see cref="Status"/> is <see cref="VisitStatus.Settled"/>.</summary>
    [Id(11)] public string? SettlementId { get; init; }

    /// <summary>Sum of the fee lines.</summary>
    public Money FeeTotal => FeeLines.Aggregate(Money.Zero, (sum, line) => sum + line.Line.Amount);
}
