using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Medisettle.Grains.Persons;

/// <summary>
/// The digest of a command that came without a gateway digest (an in-process caller): SHA-256, as lower-case hex, of
/// the UTF-8 of the person id, a line feed and the command's JSON. Digests are stored in receipts and compared with
/// retries, so this form never changes: the JSON has options of its own, never the journal's.
/// </summary>
internal static class CommandDigest
{
    /// <summary>The shape digests have been computed in from the start: web defaults, enums as names, nulls and zeros written, non-ASCII escaped.</summary>
    internal static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>
    /// The digest of <paramref name="command"/> for <paramref name="personId"/>, hashed in one pass over this thread's reused
    /// buffer holding the person id's UTF-8, the line feed and the JSON as the serializer writes it (no array of the JSON,
    /// no hash object).
    /// </summary>
    public static string Of<TCommand>(string personId, TCommand command)
    {
        ArgumentNullException.ThrowIfNull(personId);
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4 * 1024);
        buffer.ResetWrittenCount();
        var prefix = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(personId.Length) + 1);
        var written = Encoding.UTF8.GetBytes(personId, prefix);
        prefix[written] = (byte)'\n';
        buffer.Advance(written + 1);
        var writer = _writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Encoder, Indented = Json.WriteIndented });
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, command, Json);
        writer.Flush();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
