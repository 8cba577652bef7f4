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
    /// the record; 2: on an in-process run and an HTTP run before settlement ids were made from msgids; 3: the same runs of
    /// the current shapes (docs/architecture.md, "Compressed payloads").
    /// Every stored payload names its dictionary, so rows made with an earlier one read as before.
    /// </summary>
    public const byte CurrentDictionary = 3;

    /// <summary>zstd level: 3 (zstd's default) compressed the records as fast as level 1 here and a few percent smaller.</summary>
    public const int Level = 3;

    /// <summary>Payloads shorter than this are stored as they are: a few dozen bytes gain too little to be worth a frame.</summary>
    public const int MinimumLength = 64;

    /// <summary>Largest payload a stored frame may declare; a larger one is corrupt rather than a journal entry.</summary>
    public const int DecodedLengthMax = 16 * 1024 * 1024;

    private const int HeaderLength = 2;

    private static readonly byte[][] Dictionaries = [[], LoadDictionary("payloads-1.zdict"), LoadDictionary("payloads-2.zdict"), LoadDictionary("payloads-3.zdict")];

    [ThreadStatic]
    private static Compressor? _compressor;

    [ThreadStatic]
    private static byte[]? _scratch;

    [ThreadStatic]
    private static Decompressor?[]? _decompressors;

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

        var span = stored.Span;
        if (span.Length <= HeaderLength || span[1] == 0 || span[1] >= Dictionaries.Length)
        {
            throw new InvalidDataException(span.Length <= HeaderLength
                ? $"{kind} {name}: its stored payload is {span.Length} bytes, too short for a compressed payload."
                : $"{kind} {name}: its payload is compressed with dictionary {span[1]}, which this version does not have (it has 1 to {Dictionaries.Length - 1}).");
        }

        var dictionary = span[1];
        var decompressors = _decompressors ??= new Decompressor?[Dictionaries.Length];
        var decompressor = decompressors[dictionary] ??= NewDecompressor(dictionary);
        var frame = span[HeaderLength..];
        try
        {
            var length = Decompressor.GetDecompressedSize(frame);
            if (length is 0 or > DecodedLengthMax)
            {
                throw new InvalidDataException($"{kind} {name}: its compressed payload declares {length} bytes (1 to {DecodedLengthMax} expected).");
            }

            var json = new byte[(int)length];
            var written = decompressor.Unwrap(frame, json);
            return written == json.Length
                ? json
                : throw new InvalidDataException($"{kind} {name}: its compressed payload gave {written} bytes, not the {length} it declares.");
        }
        catch (ZstdException exception)
        {
            throw new InvalidDataException($"{kind} {name}: its compressed payload cannot be read ({exception.Message}).", exception);
        }
    }

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
