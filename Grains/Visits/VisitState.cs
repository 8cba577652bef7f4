using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;

namespace Medisettle.Grains.Visits;

/// <summary>The durable state of a visit grain.</summary>
public sealed class VisitState
{
    /// <summary>Null until registered.</summary>
    public string? PersonId { get; set; }

    public string InstitutionCode { get; set; } = "";

    public string InstitutionVisitNo { get; set; } = "";

    public VisitType Type { get; set; }

    public DateOnly BeginDate { get; set; }

    public DateOnly? DischargeDate { get; set; }

    public string? DiseaseCode { get; set; }

    public bool IsTransfer { get; set; }

    public List<VisitFeeLine> FeeLines { get; set; } = [];

    public VisitStatus Status { get; set; }

    public string? SettlementId { get; set; }

    /// <summary>
    /// Accepted messages (msgid → operation, and when), oldest first: those of the last <see cref="SettlementOptions.VisitMessageRetention"/>,
    /// at most <see cref="VisitGrain.MessagesMax"/>.
    /// </summary>
    public List<VisitMessage> Messages { get; set; } = [];
}
