namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// The receipt of a message, written in the same transaction as its settlement or cancel under an entry id made of the
/// institution and the msgid (<c>msgt:{msgid's 18 digits}:{institution}</c> for platform-form msgids, else
/// <c>msg:{institution}:{msgid}</c>). Its unique id makes a retried message impossible to apply twice, however old the retry.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record MessageReceipt
{
    /// <summary>The msgid; null in receipts written since the entry id alone holds it (it is not read back).</summary>
    [Id(0)] public string? MessageId { get; init; }

    /// <summary>The institution; null in receipts written since the entry id alone holds it (it is not read back).</summary>
    [Id(1)] public string? InstitutionCode { get; init; }

    /// <summary>True for a cancel, false for a settlement.</summary>
    [Id(2)] public required bool IsCancel { get; init; }

    [Id(3)] public required string SettlementId { get; init; }

    /// <summary>When the answer was given (so a replay returns it unchanged).</summary>
    [Id(4)] public required DateTimeOffset AnsweredAt { get; init; }

    /// <summary>The person the message was for (a msgid reused for another person is a conflict, not a retry).</summary>
    [Id(5)] public string? PersonId { get; init; }

    /// <summary>
    /// Digest of the request (see <see cref="Settlement.SettleCommand.RequestDigest"/>): its first 32 hex characters
    /// (<c>RequestDigests</c>); receipts written before hold all 64.
    /// </summary>
    [Id(6)] public string? RequestDigest { get; init; }
}
