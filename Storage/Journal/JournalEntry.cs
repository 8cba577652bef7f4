namespace Medisettle.Storage.Journal;

/// <summary>A committed journal entry. <see cref="Sequence"/> increases in commit order within one writer.</summary>
public sealed record JournalEntry(long Sequence, string Stream, string EntryId, string Payload, DateTimeOffset CreatedAt);
