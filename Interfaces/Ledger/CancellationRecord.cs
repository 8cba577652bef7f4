namespace Medisettle.Interfaces.Ledger;

/// <summary>The immutable record of a cancel (journal entry <c>cancel:{SettlementId}</c>; at most one per settlement).</summary>
[GenerateSerializer]
[Immutable]
public sealed record CancellationRecord
{
    [Id(0)] public required string SettlementId { get; init; }

    [Id(1)] public required string MessageId { get; init; }

    [Id(2)] public required string PersonId { get; init; }

    [Id(3)] public required string InstitutionCode { get; init; }

    [Id(4)] public required DateTimeOffset CancelledAt { get; init; }

    /// <summary>Ids of the reversing postings written with it.</summary>
    [Id(5)] public required IReadOnlyList<string> PostingIds { get; init; }
}
