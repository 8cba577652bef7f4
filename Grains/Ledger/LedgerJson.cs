using System.Text.Json;
using Medisettle.Storage.Serialization;

namespace Medisettle.Grains.Ledger;

/// <summary>The one JSON shape of journal payloads (settlement records, postings, receipts).</summary>
public static class LedgerJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Journal payload deserialized to null as {typeof(T).Name}.");

    /// <summary>
    /// Options for journal payloads: the compact shape of <see cref="JsonGrainStateSerializer.CreateDefaultOptions"/>
    /// (web defaults, enums as names, nulls left out, Chinese text as UTF-8 rather than <c>\uXXXX</c>).
    /// </summary>
    public static JsonSerializerOptions CreateOptions() => JsonGrainStateSerializer.CreateDefaultOptions();
}
