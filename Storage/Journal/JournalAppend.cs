using System.Text;

namespace Medisettle.Storage.Journal;

/// <summary>
/// An entry to append to the journal together with a state write. <see cref="EntryId"/> is unique in the whole journal
/// (the idempotency key); the payload is JSON text, held as UTF-8 (<see cref="Utf8Payload"/>), the form the storage
/// writes: a producer that serializes straight to UTF-8 saves the UTF-16 string and its conversion.
/// </summary>
public sealed class JournalAppend
{
    public JournalAppend(string stream, string entryId, string payload)
        : this(stream, entryId, Encoding.UTF8.GetBytes(payload ?? throw new ArgumentNullException(nameof(payload))))
    {
    }

    public JournalAppend(string stream, string entryId, byte[] utf8Payload)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entryId);
        ArgumentNullException.ThrowIfNull(utf8Payload);
        Stream = stream;
        EntryId = entryId;
        _utf8Payload = utf8Payload;
    }

    /// <summary>
    /// An append made from JSON that is not kept (<paramref name="utf8Payload"/> may be a reused buffer): compressed here, at
    /// once, into the form a compressing storage stores (<see cref="Compression.PayloadCodec"/>), so the JSON is not copied
    /// and held until the write commits. <see cref="Utf8Payload"/> decompresses it again when asked (a storage that stores
    /// JSON text asks). A payload that compression would not shorten is kept as it is.
    /// </summary>
    public JournalAppend(string stream, string entryId, ReadOnlySpan<byte> utf8Payload)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entryId);
        Stream = stream;
        EntryId = entryId;
        _encoded = Compression.PayloadCodec.Encode(utf8Payload);
        _utf8Payload = _encoded is null ? utf8Payload.ToArray() : null;
    }

    public string Stream { get; }

    /// <summary>
    /// A second stream the entry is read in, or null: reads of that stream (<see cref="IJournal.ReadAsync"/>, and of a
    /// prefix it starts with) return the entry among that stream's own entries, in sequence order, so one row can
    /// serve two readers (a settlement record is also its institution's receivable). A stream's own writer reads only
    /// the entries it wrote (<see cref="IJournal.ReadOwnStreamAsync"/>), and a <see cref="StreamFence"/> guards only
    /// those. Must differ from <see cref="Stream"/>.
    /// </summary>
    public string? AlsoStream
    {
        get => _alsoStream;
        init
        {
            if (value is not null && (value.Length == 0 || value == Stream))
            {
                throw new ArgumentException($"An entry's second stream must be a non-empty name other than its stream ('{Stream}').", nameof(value));
            }

            _alsoStream = value;
        }
    }

    private readonly string? _alsoStream;

    public string EntryId { get; }

    /// <summary>
    /// An entry found by its id only (<see cref="IJournal.FindAsync"/>), never read in a stream: stored in a table of
    /// its own keyed by the id (<c>journal_key</c>), without a sequence, a stream or an index entry of its own, e.g. a
    /// message receipt. Its id is unique among such entries, and the write is refused
    /// (<see cref="DuplicateJournalEntryException"/>) when it is the id of an entry stored in a stream, so an id written
    /// as a stream entry before still refuses a second write. <see cref="Stream"/> is kept only by a storage without the
    /// keyed table (which stores the entry in that stream). A stream entry may take such an id only when it is
    /// <see cref="UniqueAmongKeyedEntries"/>.
    /// </summary>
    public bool FoundByIdOnly { get; init; }

    /// <summary>
    /// A stream entry whose id may already be held by an entry found by id only (<see cref="FoundByIdOnly"/>) that an
    /// earlier version wrote under the same id: the write is then refused (<see cref="DuplicateJournalEntryException"/>)
    /// as it is when a stream entry holds the id. The journal's unique entry-id index covers only stream entries, so this
    /// costs one more index lookup, in the keyed table, per such entry. Ignored on an entry found by id only (whose
    /// write always checks the stream entries).
    /// </summary>
    public bool UniqueAmongKeyedEntries { get; init; }

    /// <summary>The payload's JSON as UTF-8 bytes (not to be changed once appended).</summary>
    public byte[] Utf8Payload => _utf8Payload ??= Decoded();

    /// <summary>The JSON, or null while only <see cref="_encoded"/> holds it.</summary>
    private byte[]? _utf8Payload;

    /// <summary>The compressed form made when the append was made from a span; null otherwise.</summary>
    private readonly byte[]? _encoded;

    /// <summary>The payload's JSON text (decoded on each call).</summary>
    public string Payload => Encoding.UTF8.GetString(Utf8Payload);

    /// <summary>
    /// The payload as the writer stores it when the storage compresses journal payloads (<see cref="Compression.PayloadCodec"/>),
    /// made by the storage on the caller's thread before the write queues; null: stored as the JSON text.
    /// </summary>
    internal byte[]? StoredPayload { get; private set; }

    /// <summary>The bytes a binary payload column stores: <see cref="StoredPayload"/> when compressed, else the JSON's UTF-8.</summary>
    internal byte[] StoredBytes => StoredPayload ?? Utf8Payload;

    /// <summary>Compresses the payload for storing, once (an append written again, after a retry, keeps its first form).</summary>
    internal void Compress()
    {
        if (!_compressed)
        {
            StoredPayload = _encoded ?? Compression.PayloadCodec.Encode(Utf8Payload);
            _compressed = true;
        }
    }

    private byte[] Decoded()
    {
        var json = Compression.PayloadCodec.Decode(_encoded, "Journal append", EntryId);
        return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(json, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : json.ToArray();
    }

    private bool _compressed;
}
