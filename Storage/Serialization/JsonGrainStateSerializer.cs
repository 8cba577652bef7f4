using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Medisettle.Storage.Serialization;

/// <summary>
/// Grain state as UTF-8 JSON through System.Text.Json (Orleans' default storage serializer is Newtonsoft). Tolerant
/// of change: unknown members are skipped and missing ones keep their defaults, so a state class can gain fields.
/// Pass options with a source-generated <see cref="JsonSerializerOptions.TypeInfoResolver"/> to avoid reflection.
/// </summary>
public sealed class JsonGrainStateSerializer(JsonSerializerOptions options) : IGrainStorageSerializer
{
    /// <summary>
    /// Web defaults (camelCase), enums as names, reflection-based metadata; compact on disk: null members are left out
    /// (they read back as null, the default of every nullable member here) and text is escaped only where JSON requires
    /// it (quote, backslash, control characters): Chinese is written as UTF-8, three bytes a character, rather than
    /// six-byte <c>\uXXXX</c> escapes, and <c>' + &lt; &gt; &amp;</c> as themselves. These payloads are stored, never
    /// placed into HTML as they are; the gateway writes its own answers with its own options.
    /// </summary>
    public static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, options));

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, options);
    }
}
