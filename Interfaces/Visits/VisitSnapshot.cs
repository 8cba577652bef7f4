using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Visits;

/// <summary>A registered visit with its uploaded fee lines.</summary>
public sealed record VisitSnapshot
{
    /// <summary>就诊ID (wire <c>mdtrt_id</c>).</summary>
    public required string VisitId { get; init; }
    public required string PersonId { get; init; }
    public required string InstitutionCode { get; init; }
    public required string InstitutionVisitNo { get; init; }
    public required VisitType Type { get; init; }
    public required DateOnly BeginDate { get; init; }
    public DateOnly? DischargeDate { get; init; }
    public string? DiseaseCode { get; init; }
    public bool IsTransfer { get; init; }
    public required IReadOnlyList<VisitFeeLine> FeeLines { get; init; }
    public required VisitStatus Status { get; init; }
    /// <summary>结算ID while <see cref="Status"/> is <see cref="VisitStatus.Settled"/>.</summary>
    public string? SettlementId { get; init; }

    /// <summary>Sum of the fee lines.</summary>
    public Money FeeTotal => FeeLines.Aggregate(Money.Zero, (sum, line) => sum + line.Line.Amount);
}
