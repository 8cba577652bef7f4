namespace Medisettle.Interfaces.Settlement;

/// <summary>
/// A request to (pre-)settle one visit for a person. <see cref="MessageId"/> is the client's
/// message id (wire <c>msgid</c>): a retry with the same id returns the first answer and changes nothing.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SettleCommand
{
    /// <summary>The client's message id (wire <c>msgid</c>); unique per institution.</summary>
    [Id(0)] public required string MessageId { get; init; }

    /// <summary>The institution settling (wire <c>fixmedins_code</c>), already authenticated by the gateway.</summary>
    [Id(1)] public required string InstitutionCode { get; init; }

    [Id(2)] public required Visit Visit { get; init; }

    /// <summary>个人账户使用标志 (wire <c>acct_used_flag</c>): whether the personal account may pay.</summary>
    [Id(3)] public bool UseAccount { get; init; } = true;
    /// <summary>
    /// Digest of the request as the client sent it (the gateway hashes the canonical wire input), so a msgid reused
    /// for a different request is told apart from a retry. Null: the person grain hashes this command itself.
    /// </summary>
    [Id(4)] public string? RequestDigest { get; init; }

    /// <summary>
    /// The insured region the client declared (wire <c>insuplc_admdvs</c>, echo-safe); when given and not the person's,
    /// the person grain refuses with <see cref="RejectionCode.RegionMismatch"/> before anything else, so the gateway needs
    /// no separate lookup call. Left out of the JSON when null (the digest of a command without it is unchanged).
    /// </summary>
    [Id(5)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? DeclaredRegion { get; init; }
}
