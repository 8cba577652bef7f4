namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// Journal entry <c>msg:{institution}:{msgid}</c> written in the same transaction as a settlement or cancel.
/// Its unique id makes a retried message impossible to apply twice, however old the retry.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record MessageReceipt
{
    [Id(0)] public required string MessageId { get; init; }

    [Id(1)] public required string InstitutionCode { get; init; }

    /// <summary>True for a cancel, false for a settlement.</summary>
    [Id(2)] public required bool IsCancel { get; init; }

    [Id(3)] public required string SettlementId { get; init; }

    /// <summary>When the answer was given (so a replay returns it unchanged).</summary>
    [Id(4)] public required DateTimeOffset AnsweredAt { get; init; }

    /// <summary>The person the message was for (a msgid reused for another person is a conflict, not a retry).</summary>
    [Id(5)] public string? PersonId { get; init; }

    /// <summary>Digest of the request (see <see cref="Settlement.SettleCommand.RequestDigest"/>).</summary>
    [Id(6)] public string? RequestDigest { get; init; }
}
