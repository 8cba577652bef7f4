namespace Medisettle.Interfaces.Settlement;

/// <summary>
/// A request to cancel (撤销) a settlement: writes reversing postings and restores the accumulators
/// exactly. Idempotent by <see cref="MessageId"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record CancelCommand
{
    /// <summary>The client's message id (wire <c>msgid</c>).</summary>
    [Id(0)] public required string MessageId { get; init; }

    /// <summary>The institution cancelling; it must be the one that settled.</summary>
    [Id(1)] public required string InstitutionCode { get; init; }

    /// <summary>结算ID (wire <c>setl_id</c>) of the settlement to cancel.</summary>
    [Id(2)] public required string SettlementId { get; init; }
    /// <summary>
    /// Digest of the request as the client sent it (the gateway hashes the canonical wire input), so a msgid reused
    /// for a different request is told apart from a retry. Null: the person grain hashes this command itself.
    /// </summary>
    [Id(3)] public string? RequestDigest { get; init; }
}
