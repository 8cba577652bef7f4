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
    /// <summary>Web defaults (camelCase), enums as names, reflection-based metadata.</summary>
    public static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
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
