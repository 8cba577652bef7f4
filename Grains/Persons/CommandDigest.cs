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
    /// The digest of <paramref name="command"/> for <paramref name="personId"/>, hashed from the JSON's UTF-8 bytes as the
    /// serializer writes them (no UTF-16 string of the JSON, no joined copy of it).
    /// </summary>
    public static string Of<TCommand>(string personId, TCommand command)
    {
        ArgumentNullException.ThrowIfNull(personId);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(personId));
        hash.AppendData("\n"u8);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(command, Json));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
