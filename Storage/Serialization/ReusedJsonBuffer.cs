using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Medisettle.Storage.Serialization;

/// <summary>
/// A buffer each thread reuses for JSON that is consumed at once (hashed, compressed, copied): what <see cref="Written"/>
/// holds is valid only until the next <see cref="Start"/> on the same thread, so nothing may await between writing and
/// consuming it. It saves allocating the JSON of every settlement record and request digest. The JSON is byte for byte
/// what <see cref="JsonSerializer.SerializeToUtf8Bytes{TValue}(TValue, JsonSerializerOptions?)"/> writes with the same options.
/// </summary>
public sealed class ReusedJsonBuffer
{
    [ThreadStatic]
    private static ReusedJsonBuffer? _thisThread;

    private readonly ArrayBufferWriter<byte> _buffer = new(8 * 1024);

    /// <summary>A writer per options (their encoder and indentation shape the bytes), kept with the buffer.</summary>
    private readonly Dictionary<JsonSerializerOptions, Utf8JsonWriter> _writers = new(ReferenceEqualityComparer.Instance);

    private ReusedJsonBuffer()
    {
    }

    /// <summary>The bytes written since <see cref="Start"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>This thread's buffer, emptied.</summary>
    public static ReusedJsonBuffer Start()
    {
        var buffer = _thisThread ??= new ReusedJsonBuffer();
        buffer._buffer.ResetWrittenCount();
        return buffer;
    }

    /// <summary>Appends the UTF-8 of <paramref name="text"/>.</summary>
    public ReusedJsonBuffer AppendUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _buffer.Advance(Encoding.UTF8.GetBytes(text, span));
        return this;
    }

    /// <summary>Appends <paramref name="value"/> as JSON with <paramref name="options"/>.</summary>
    public ReusedJsonBuffer AppendJson<T>(T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!_writers.TryGetValue(options, out var writer))
        {
            writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented });
            _writers.Add(options, writer);
        }

        writer.Reset(_buffer);
        JsonSerializer.Serialize(writer, value, options);
        writer.Flush();
        return this;
    }
}
