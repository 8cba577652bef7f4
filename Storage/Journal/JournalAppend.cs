namespace Medisettle.Storage.Journal;

/// <summary>
/// An entry to append to the journal together with a state write.
/// <paramref name="EntryId"/> is unique in the whole journal (the idempotency key); <paramref name="Payload"/> is JSON text.
/// </summary>
public sealed record JournalAppend(string Stream, string EntryId, string Payload);
