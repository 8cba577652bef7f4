using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Medisettle.Storage.Compression;

/// <summary>
/// How a journal payload or a grain state is stored when the storage compresses it
/// (<see cref="Hosting.GroupCommitStorageOptions.CompressJournalPayloads"/>, <see cref="Hosting.GroupCommitStorageOptions.CompressStatePayloads"/>):
/// a zero byte, the number of the dictionary, then a zstd frame made with that dictionary. A payload that does not start
/// with a zero byte is the JSON text itself (JSON text never starts with one), so rows written before compression, or
/// with it off, read as they are, and both kinds can sit in one table.
/// </summary>
/// <remarks>
/// The dictionary is trained on this project's journal payloads and grain states (<c>LoadTest dictionary</c>;
/// docs/architecture.md, "Compressed payloads"): a settlement record of about 2.5 KB has most of its text (member names,
/// pack ids, rule-trace phrases, catalogue shapes) in common with every other record, which a dictionary holds once. Each
/// thread keeps its own compression and decompression contexts; the dictionaries are loaded once per context.
/// </remarks>
public static class PayloadCodec
{
    /// <summary>
    /// The dictionary new payloads are compressed with. 1: trained on an in-process run before the receivable moved into
    /// the record; 2: on an in-process run and an HTTP run before settlement ids were made from msgids; 3: the same runs
    /// before settlement records wrote their posting members first; 4: the same runs of the current shapes
    /// (docs/architecture.md, "Compressed payloads").
    /// Every stored payload names its dictionary, so rows made with an earlier one read as before.
    /// </summary>
    public const byte CurrentDictionary = 4;

    /// <summary>zstd level: 3 (zstd's default) compressed the records as fast as level 1 here and a few percent smaller.</summary>
    public const int Level = 3;

    /// <summary>Payloads shorter than this are stored as they are: a few dozen bytes gain too little to be worth a frame.</summary>
    public const int MinimumLength = 64;

    /// <summary>Largest payload a stored frame may declare; a larger one is corrupt rather than a journal entry.</summary>
    public const int DecodedLengthMax = 16 * 1024 * 1024;

    private const int HeaderLength = 2;

    private static readonly byte[][] Dictionaries = [[], LoadDictionary("payloads-1.zdict"), LoadDictionary("payloads-2.zdict"), LoadDictionary("payloads-3.zdict"), LoadDictionary("payloads-4.zdict")];

    [ThreadStatic]
    private static Compressor? _compressor;

    [ThreadStatic]
    private static byte[]? _scratch;

    [ThreadStatic]
    private static Decompressor?[]? _decompressors;

    [ThreadStatic]
    private static byte[]? _decodeScratch;

    /// <summary>Whether <paramref name="stored"/> is a compressed payload rather than JSON text.</summary>
    public static bool IsEncoded(ReadOnlySpan<byte> stored) => stored.Length > 0 && stored[0] == 0;

    /// <summary>
    /// The stored form of <paramref name="json"/>: compressed with <see cref="CurrentDictionary"/>, or null when that would
    /// not be shorter (or <paramref name="json"/> is shorter than <see cref="MinimumLength"/>), and the JSON is stored as it is.
    /// </summary>
    public static byte[]? Encode(ReadOnlySpan<byte> json)
    {
        if (json.Length < MinimumLength)
        {
            return null;
        }

        var compressor = _compressor ??= NewCompressor();
        var bound = HeaderLength + Compressor.GetCompressBound(json.Length);
        var scratch = _scratch is { } buffer && buffer.Length >= bound ? buffer : _scratch = new byte[Math.Max(bound, 16 * 1024)];
        var written = compressor.Wrap(json, scratch.AsSpan(HeaderLength));
        if (HeaderLength + written >= json.Length)
        {
            return null;
        }

        scratch[0] = 0;
        scratch[1] = CurrentDictionary;
        return scratch.AsSpan(0, HeaderLength + written).ToArray();
    }

    /// <summary>
    /// The JSON of a stored payload: <paramref name="stored"/> itself when it is JSON text, else the decompressed frame.
    /// Throws <see cref="InvalidDataException"/> naming the payload's owner (<paramref name="kind"/> and
    /// <paramref name="name"/>, e.g. "Journal entry" and its id) for a frame this build cannot read.
    /// </summary>
    public static ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> stored, string kind, string name)
    {
        if (!IsEncoded(stored.Span))
        {
            return stored;
        }

        var json = new byte[DecodedLength(stored.Span, kind, name)];
        Decompress(stored.Span, json, kind, name);
        return json;
    }

    /// <summary>
    /// The same JSON as <see cref="Decode"/>, decompressed into this thread's reused buffer: valid only until the next
    /// decode on this thread, for a reader that parses it at once and keeps nothing of it. A payload larger than
    /// <see cref="ScratchLengthMax"/> gets a buffer of its own, so the thread keeps no large one.
    /// </summary>
    public static ReadOnlySpan<byte> DecodeToScratch(ReadOnlySpan<byte> stored, string kind, string name)
    {
        if (!IsEncoded(stored))
        {
            return stored;
        }

        var length = DecodedLength(stored, kind, name);
        var buffer = length > ScratchLengthMax ? new byte[length]
            : _decodeScratch is { } scratch && scratch.Length >= length ? scratch
            : _decodeScratch = new byte[Math.Max(length, 16 * 1024)];
        var json = buffer.AsSpan(0, length);
        Decompress(stored, json, kind, name);
        return json;
    }

    /// <summary>Largest payload <see cref="DecodeToScratch"/> decompresses into the thread's reused buffer.</summary>
    public const int ScratchLengthMax = 256 * 1024;

    /// <summary>The length a compressed payload declares, after checking its header and dictionary.</summary>
    private static int DecodedLength(ReadOnlySpan<byte> stored, string kind, string name)
    {
        if (stored.Length <= HeaderLength || stored[1] == 0 || stored[1] >= Dictionaries.Length)
        {
            throw new InvalidDataException(stored.Length <= HeaderLength
                ? $"{kind} {name}: its stored payload is {stored.Length} bytes, too short for a compressed payload."
                : $"{kind} {name}: its payload is compressed with dictionary {stored[1]}, which this version does not have (it has 1 to {Dictionaries.Length - 1}).");
        }

        ulong length;
        try
        {
            length = Decompressor.GetDecompressedSize(stored[HeaderLength..]);
        }
        catch (ZstdException exception)
        {
            throw Unreadable(kind, name, exception);
        }

        return length is 0 or > DecodedLengthMax
            ? throw new InvalidDataException($"{kind} {name}: its compressed payload declares {length} bytes (1 to {DecodedLengthMax} expected).")
            : (int)length;
    }

    /// <summary>Decompresses the frame of <paramref name="stored"/> into all of <paramref name="json"/>, its declared length.</summary>
    private static void Decompress(ReadOnlySpan<byte> stored, Span<byte> json, string kind, string name)
    {
        var dictionary = stored[1];
        var decompressors = _decompressors ??= new Decompressor?[Dictionaries.Length];
        var decompressor = decompressors[dictionary] ??= NewDecompressor(dictionary);
        int written;
        try
        {
            written = decompressor.Unwrap(stored[HeaderLength..], json);
        }
        catch (ZstdException exception)
        {
            throw Unreadable(kind, name, exception);
        }

        if (written != json.Length)
        {
            throw new InvalidDataException($"{kind} {name}: its compressed payload gave {written} bytes, not the {json.Length} it declares.");
        }
    }

    private static InvalidDataException Unreadable(string kind, string name, ZstdException exception) =>
        new($"{kind} {name}: its compressed payload cannot be read ({exception.Message}).", exception);

    private static Compressor NewCompressor()
    {
        var compressor = new Compressor(Level);
        compressor.LoadDictionary(Dictionaries[CurrentDictionary]);
        // The dictionary's number is in the header already; its 4-byte id in every frame would only repeat it.
        compressor.SetParameter(ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
        return compressor;
    }

    private static Decompressor NewDecompressor(byte dictionary)
    {
        var decompressor = new Decompressor();
        decompressor.LoadDictionary(Dictionaries[dictionary]);
        return decompressor;
    }

    private static byte[] LoadDictionary(string name)
    {
        using var stream = typeof(PayloadCodec).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The payload dictionary {name} is not embedded in {typeof(PayloadCodec).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
