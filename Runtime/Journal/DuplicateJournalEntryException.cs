namespace Medisettle.Runtime.Journal;

/// <summary>A journal append used an entry id that already exists; the whole write (state included) was not applied.</summary>
public sealed class DuplicateJournalEntryException(string entryId)
    : Exception($"Journal entry id '{entryId}' already exists; the write was not applied.")
{
    public string EntryId { get; } = entryId;
}
