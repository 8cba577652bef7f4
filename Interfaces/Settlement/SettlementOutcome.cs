namespace Medisettle.Interfaces.Settlement;

/// <summary>The answer to a settle, pre-settle or cancel request.</summary>
public sealed record SettlementOutcome
{
    public required SettlementStatus Status { get; init; }

    /// <summary>结算ID (wire <c>setl_id</c>); null for a pre-settlement or a rejection.</summary>
    public string? SettlementId { get; init; }

    /// <summary>The split (for a cancel: the split that was reversed).</summary>
    public SettlementBreakdown? Breakdown { get; init; }

    public Rejection? Rejection { get; init; }

    /// <summary>When the answer was first given (the commit time for a settlement or cancel).</summary>
    public required DateTimeOffset AnsweredAt { get; init; }

    public static SettlementOutcome Rejected(Rejection rejection, DateTimeOffset at) =>
        new() { Status = SettlementStatus.Rejected, Rejection = rejection, AnsweredAt = at };

    public static SettlementOutcome Rejected(RejectionCode code, string message, DateTimeOffset at) =>
        Rejected(new Rejection { Code = code, Message = message }, at);
}
