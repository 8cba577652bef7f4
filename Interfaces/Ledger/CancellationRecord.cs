namespace Medisettle.Interfaces.Ledger;

/// <summary>The immutable record of a cancel (journal entry <c>cancel:{SettlementId}</c>; at most one per settlement).</summary>
public sealed record CancellationRecord
{
    public required string SettlementId { get; init; }

    public required string MessageId { get; init; }

    public required string PersonId { get; init; }

    public required string InstitutionCode { get; init; }

    public required DateTimeOffset CancelledAt { get; init; }

    /// <summary>Ids of the reversing postings written with it.</summary>
    public required IReadOnlyList<string> PostingIds { get; init; }
}
