namespace Medisettle.Runtime.Journal;

/// <summary>A committed journal entry. <see cref="Sequence"/> increases in commit order within one silo.</summary>
public sealed record JournalEntry(long Sequence, string Stream, string EntryId, string Payload, DateTimeOffset CreatedAt);
