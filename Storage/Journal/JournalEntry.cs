using System.Data.Common;
using System.Globalization;
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

    /// <summary>The second stream the entry is read in (<see cref="JournalAppend.AlsoStream"/>), or null.</summary>
    public string? AlsoStream { get; init; }

    /// <summary>
    /// The entry in the current row of <paramref name="row"/>, whose columns are <c>sequence, stream, entry_id, payload,
    /// created_at</c> and optionally <c>also_stream</c> (the journal table's order); the payload is taken as the stored
    /// UTF-8 text, as it is, or decompressed when it was stored compressed (<see cref="Compression.PayloadCodec"/>).
    /// </summary>
    public static JournalEntry FromRow(DbDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entryId = row.GetString(2);
        return new JournalEntry(
            row.GetInt64(0), row.GetString(1), entryId, Compression.PayloadCodec.Decode(row.GetFieldValue<byte[]>(3), "Journal entry", entryId), CreatedAtOf(row, 4))
        {
            AlsoStream = row.FieldCount > 5 && !row.IsDBNull(5) ? row.GetString(5) : null,
        };
    }

    /// <summary>The one of the entry's streams (its own first) whose name starts with <paramref name="prefix"/>, or null.</summary>
    public string? StreamStartingWith(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return Stream.StartsWith(prefix, StringComparison.Ordinal) ? Stream
            : AlsoStream is { } also && also.StartsWith(prefix, StringComparison.Ordinal) ? also
            : null;
    }

    /// <summary>
    /// The <c>created_at</c> in column <paramref name="ordinal"/>: PostgreSQL's <c>timestamptz</c>; on SQLite the
    /// milliseconds since 1970-01-01 UTC the writer stores, held as text in a file whose column was made <c>TEXT</c>, or
    /// the date-and-time text rows written before that hold.
    /// </summary>
    public static DateTimeOffset CreatedAtOf(DbDataReader row, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(row);
        var type = row.GetFieldType(ordinal);
        if (type == typeof(long))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));
        }

        if (type == typeof(string))
        {
            var text = row.GetString(ordinal);
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        }

        return row.GetFieldValue<DateTimeOffset>(ordinal);
    }

    /// <summary>The payload's JSON text (decoded on each call).</summary>
    public string Payload => Encoding.UTF8.GetString(Utf8Payload.Span);
}
