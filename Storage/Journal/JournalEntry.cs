namespace Medisettle.Storage.Journal;

/// <summary>A committed journal entry. <see cref="Sequence"/> is taken at insert; readers see entries in sequence order up to the safe point (<see cref="IJournal"/>).</summary>
public sealed record JournalEntry(long Sequence, string Stream, string EntryId, string Payload, DateTimeOffset CreatedAt);
