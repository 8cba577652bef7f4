using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Gateway.Admin;

/// <summary>One settlement of a person as the admin API shows it (amounts in fen).</summary>
public sealed record PersonSettlementView
{
    public required string SettlementId { get; init; }
    /// <summary>The msgid of the request that settled it (a retry with this msgid is answered with this settlement).</summary>
    public required string MessageId { get; init; }
    public required string InstitutionCode { get; init; }
    public required string VisitId { get; init; }
    public required VisitType VisitType { get; init; }
    public required DateTimeOffset SettledAt { get; init; }
    public required Money TotalAmount { get; init; }
    public required Money FundPaySum { get; init; }
    public required Money AccountPaid { get; init; }
    public required Money CashPaid { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
}
