using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Medisettle.Storage.Serialization;

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
        var joined = ReusedJsonBuffer.Start().AppendUtf8(personId).AppendUtf8("\n").AppendJson(command, Json).Written;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(joined, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
