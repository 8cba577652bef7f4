namespace Medisettle.Storage.Journal;

/// <summary>A journal append used an entry id that already exists; the whole write (state included) was not applied.</summary>
[GenerateSerializer]
public sealed class DuplicateJournalEntryException : Exception
{
    public DuplicateJournalEntryException(string entryId)
        : base($"Journal entry id '{entryId}' already exists; the write was not applied.") => EntryId = entryId;

    public DuplicateJournalEntryException()
        : this("")
    {
    }

    public DuplicateJournalEntryException(string message, Exception innerException)
        : base(message, innerException) => EntryId = "";

    /// <summary>The entry id that existed before the refused write.</summary>
    [Id(0)]
    public string EntryId { get; private set; }
}
