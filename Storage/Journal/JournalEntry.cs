using System.Text;

namespace Medisettle.Storage.Journal;

/// <summary>
/// A committed journal entry. <see cref="Sequence"/> is taken at insert; readers see entries in sequence order up to the
/// safe point (<see cref="IJournal"/>). The payload is held as the UTF-8 bytes the storage reads, so a reader that
/// deserializes straight from them (<see cref="Utf8Payload"/>) makes no UTF-16 string and no transcoding on the way.
/// </summary>
public sealed record JournalEntry(long Sequence, string Stream, string EntryId, ReadOnlyMemory<byte> Utf8Payload, DateTimeOffset CreatedAt)
{
    public JournalEntry(long sequence, string stream, string entryId, string payload, DateTimeOffset createdAt)
        : this(sequence, stream, entryId, Encoding.UTF8.GetBytes(payload ?? throw new ArgumentNullException(nameof(payload))), createdAt)
    {
    }

    /// <summary>The payload's JSON text (decoded on each call).</summary>
    public string Payload => Encoding.UTF8.GetString(Utf8Payload.Span);
}
