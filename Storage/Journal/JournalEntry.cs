using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Medisettle.Storage.Journal;

/// <summary>
/// A committed journal entry. <see cref="Sequence"/> is taken at insert; readers see entries in sequence order up to the
/// safe point (<see cref="IJournal"/>). The payload is held as the UTF-8 bytes the storage reads, so a reader that
/// deserializes straight from them (<see cref="Utf8Payload"/>) makes no UTF-16 string and no transcoding on the way.
/// An entry read from a row whose payload is compressed keeps the compressed bytes and decompresses them only when
/// asked: <see cref="Utf8Payload"/> decodes them once and keeps the JSON; <see cref="ParsePayload{T}"/> decodes them into
/// a reused buffer and keeps nothing, for readers that parse an entry once (the posting feed reads every settlement).
/// </summary>
public sealed record JournalEntry(long Sequence, string Stream, string EntryId, ReadOnlyMemory<byte> Utf8Payload, DateTimeOffset CreatedAt)
{
    private ReadOnlyMemory<byte> _utf8Payload = Utf8Payload;

    /// <summary>The stored, compressed payload while it has not been decoded into the JSON; else null.</summary>
    private byte[]? _compressed;

    public JournalEntry(long sequence, string stream, string entryId, string payload, DateTimeOffset createdAt)
        : this(sequence, stream, entryId, Encoding.UTF8.GetBytes(payload ?? throw new ArgumentNullException(nameof(payload))), createdAt)
    {
    }

    /// <summary>The payload's JSON as UTF-8 bytes (a compressed payload is decompressed on the first call and kept).</summary>
    public ReadOnlyMemory<byte> Utf8Payload
    {
        get
        {
            if (Volatile.Read(ref _compressed) is not { } compressed)
            {
                return _utf8Payload;
            }

            var json = Compression.PayloadCodec.Decode(compressed, "Journal entry", EntryId);
            _utf8Payload = json;
            Volatile.Write(ref _compressed, null);
            return json;
        }

        init => _utf8Payload = value;
    }

    /// <summary>
    /// <paramref name="parse"/>'s result for the payload's JSON. A compressed payload not decoded yet is decompressed
    /// into this thread's reused buffer and not kept, so <paramref name="parse"/> must not keep the span nor decode
    /// another payload on this thread while it runs (a JSON deserializer does neither).
    /// </summary>
    public T ParsePayload<T>(Utf8PayloadParser<T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Volatile.Read(ref _compressed) is { } compressed
            ? parse(Compression.PayloadCodec.DecodeToScratch(compressed, "Journal entry", EntryId))
            : parse(_utf8Payload.Span);
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
        return FromStored(row.GetInt64(0), row.GetString(1), row.GetString(2), row.GetFieldValue<byte[]>(3), CreatedAtOf(row, 4),
            row.FieldCount > 5 && !row.IsDBNull(5) ? row.GetString(5) : null);
    }

    /// <summary>The entry of a journal row's values, <paramref name="stored"/> being its payload as stored (compressed or the UTF-8 JSON).</summary>
    internal static JournalEntry FromStored(long sequence, string stream, string entryId, byte[] stored, DateTimeOffset createdAt, string? alsoStream)
    {
        var encoded = Compression.PayloadCodec.IsEncoded(stored);
        return new JournalEntry(sequence, stream, entryId, encoded ? ReadOnlyMemory<byte>.Empty : stored, createdAt)
        {
            AlsoStream = alsoStream,
            _compressed = encoded ? stored : null,
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
            return CreatedAtOfText(row.GetString(ordinal));
        }

        return row.GetFieldValue<DateTimeOffset>(ordinal);
    }

    /// <summary>A <c>created_at</c> SQLite holds as text: the milliseconds' digits, or a date and time written before.</summary>
    internal static DateTimeOffset CreatedAtOfText(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The payload's JSON text (decoded on each call).</summary>
    public string Payload => Encoding.UTF8.GetString(Utf8Payload.Span);
}

/// <summary>Reads a value from a journal payload's UTF-8 JSON, which is valid only during the call.</summary>
public delegate T Utf8PayloadParser<out T>(ReadOnlySpan<byte> json);
