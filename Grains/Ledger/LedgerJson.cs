using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Medisettle.Interfaces;
using Medisettle.Storage.Journal;
using Medisettle.Storage.Serialization;

namespace Medisettle.Grains.Ledger;

/// <summary>The one JSON shape of journal payloads (settlement records, postings, receipts).</summary>
public static class LedgerJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The same JSON as <see cref="Serialize{T}"/>, as the UTF-8 bytes a journal append carries (no UTF-16 string in between).</summary>
    public static byte[] SerializeToUtf8<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>
    /// The same JSON as <see cref="SerializeToUtf8{T}"/>, written into this thread's reused buffer (<see cref="ReusedJsonBuffer"/>):
    /// valid only until the buffer's next use on this thread, so for a consumer that copies or compresses it at once (<see cref="JournalAppend(string, string, ReadOnlySpan{byte})"/>),
    /// with no await in between. A settlement record is about 2.5 KB of JSON; this saves allocating it for each settlement.
    /// </summary>
    public static ReadOnlySpan<byte> SerializeToReusedBuffer<T>(T value) => ReusedJsonBuffer.Start().AppendJson(value, Options).Written;

    /// <summary>
    /// An entry's payload, read straight from its UTF-8 bytes; a compressed payload is decompressed into a reused buffer
    /// for this and not kept in the entry (<see cref="JournalEntry.ParsePayload{T}"/>).
    /// </summary>
    public static T Deserialize<T>(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.ParsePayload(static json => JsonSerializer.Deserialize<T>(json, Options))
            ?? throw new JsonException($"Journal entry {entry.EntryId} deserialized to null as {typeof(T).Name}.");
    }

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Journal payload deserialized to null as {typeof(T).Name}.");

    /// <summary>
    /// Options for journal payloads: the compact shape of <see cref="JsonGrainStateSerializer.CreateDefaultOptions"/>
    /// (web defaults, enums as names, nulls left out, Chinese text as UTF-8 rather than <c>\uXXXX</c>), and zero
    /// amounts left out too: a settlement record has twenty or so <see cref="Money"/> members, most of them zero for
    /// most visits. A missing amount reads as zero, so rows that wrote their zeros read the same. A settlement record
    /// writes the members its postings are made of first (<see cref="PostingSource.WriteMembersFirst"/>), so the posting
    /// feed reads only the start of it; any order reads the same.
    /// </summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = JsonGrainStateSerializer.CreateDefaultOptions();
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitZeroAmounts, PostingSource.WriteMembersFirst } };
        return options;
    }

    private static void OmitZeroAmounts(JsonTypeInfo type)
    {
        foreach (var property in type.Properties.Where(p => p.PropertyType == typeof(Money)))
        {
            property.ShouldSerialize = (_, value) => !((Money)value!).IsZero;
            property.IsRequired = false;
        }
    }
}
