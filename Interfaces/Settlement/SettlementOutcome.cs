namespace Medisettle.Interfaces.Settlement;

/// <summary>The answer to a settle, pre-settle or cancel request.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SettlementOutcome
{
    [Id(0)] public required SettlementStatus Status { get; init; }

    /// <summary>结算ID (wire <c>setl_id</c>); null for a pre-settlement or a rejection.</summary>
    [Id(1)] public string? SettlementId { get; init; }

    /// <summary>The split (for a cancel: the split that was reversed).</summary>
    [Id(2)] public SettlementBreakdown? Breakdown { get; init; }

    [Id(3)] public Rejection? Rejection { get; init; }

    /// <summary>When the answer was first given (the commit time for a settlement or cancel).</summary>
    [Id(4)] public required DateTimeOffset AnsweredAt { get; init; }

    public static SettlementOutcome Rejected(Rejection rejection, DateTimeOffset at) =>
        new() { Status = SettlementStatus.Rejected, Rejection = rejection, AnsweredAt = at };

    public static SettlementOutcome Rejected(RejectionCode code, string message, DateTimeOffset at) =>
        Rejected(new Rejection { Code = code, Message = message }, at);
}
