namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// Journal entry <c>msg:{institution}:{msgid}</c> written in the same transaction as a settlement or cancel.
/// Its unique id makes a retried message impossible to apply twice, however old the retry.
/// </summary>
public sealed record MessageReceipt
{
    public required string MessageId { get; init; }

    public required string InstitutionCode { get; init; }

    /// <summary>True for a cancel, false for a settlement.</summary>
    public required bool IsCancel { get; init; }

    public required string SettlementId { get; init; }

    /// <summary>When the answer was given (so a replay returns it unchanged).</summary>
    public required DateTimeOffset AnsweredAt { get; init; }
}
