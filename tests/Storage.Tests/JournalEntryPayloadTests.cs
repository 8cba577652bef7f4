using System.Text;
using Medisettle.Storage.Compression;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Medisettle.Storage.Tests;

/// <summary>
/// An entry read from a row keeps a compressed payload as it is stored until something asks for its JSON: kept once
/// decoded (<see cref="JournalEntry.Utf8Payload"/>), or decoded into a reused buffer for one parse and not kept
/// (<see cref="JournalEntry.ParsePayload{T}"/>).
/// </summary>
public sealed class JournalEntryPayloadTests
{
    private static string RecordJson(int amount) =>
        "{\"settlementId\":\"M26113009081000001P99000100055\",\"personId\":\"99000100055942\",\"breakdown\":{\"visitType\":\"Pharmacy\"," +
        $"\"trace\":[\"pack P0-990001-employee: region 990001, scheme Employee\",\"split: total {amount}.45 = funds 0.00 + account {amount}.45 + cash 0.00\"]," +
        "\"note\":\"统筹基金 大额医疗 😀\"}}";

    [Fact]
    public void A_compressed_row_parses_to_its_exact_JSON_each_time_and_still_gives_it_whole_afterwards()
    {
        var first = RecordJson(385);
        var second = RecordJson(7);
        var one = Read(PayloadCodec.Encode(Encoding.UTF8.GetBytes(first))!, "msgt:1");
        var two = Read(PayloadCodec.Encode(Encoding.UTF8.GetBytes(second))!, "msgt:2");

        // Parsing the second between two parses of the first reuses the thread's buffer; neither entry is changed by it.
        Assert.Equal(first, one.ParsePayload(Encoding.UTF8.GetString));
        Assert.Equal(second, two.ParsePayload(Encoding.UTF8.GetString));
        Assert.Equal(first, one.ParsePayload(Encoding.UTF8.GetString));
        Assert.Equal(first, one.Payload);
        Assert.Equal(Encoding.UTF8.GetBytes(first), one.Utf8Payload.ToArray());
        Assert.Equal(first, one.ParsePayload(Encoding.UTF8.GetString));
        Assert.Equal(1, one.Sequence);
        Assert.Equal("person:99000100055942", one.Stream);
        Assert.Equal("msgt:1", one.EntryId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_000), one.CreatedAt);
    }

    [Fact]
    public void A_row_of_JSON_text_parses_and_reads_as_its_text()
    {
        var json = RecordJson(12);

        var entry = Read(Encoding.UTF8.GetBytes(json), "msgt:3");

        Assert.Equal(json, entry.ParsePayload(Encoding.UTF8.GetString));
        Assert.Equal(json, entry.Payload);
    }

    [Fact]
    public void A_payload_larger_than_the_reused_buffer_parses_from_a_buffer_of_its_own()
    {
        var json = "{\"trace\":[" + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"\"line {i}: total {i}.00\"")) + "]}";
        Assert.True(Encoding.UTF8.GetByteCount(json) > PayloadCodec.ScratchLengthMax);

        var entry = Read(PayloadCodec.Encode(Encoding.UTF8.GetBytes(json))!, "msgt:4");

        Assert.Equal(json, entry.ParsePayload(Encoding.UTF8.GetString));
        Assert.Equal(RecordJson(1), Read(PayloadCodec.Encode(Encoding.UTF8.GetBytes(RecordJson(1)))!, "msgt:5").ParsePayload(Encoding.UTF8.GetString));
    }

    [Fact]
    public void A_row_this_version_cannot_decode_reads_and_is_refused_naming_the_entry_when_its_payload_is_asked_for()
    {
        var stored = PayloadCodec.Encode(Encoding.UTF8.GetBytes(RecordJson(385)))!;
        stored[1] = 9;

        var entry = Read(stored, "msgt:6");

        const string Expected = "Journal entry msgt:6: its payload is compressed with dictionary 9, which this version does not have (it has 1 to 4).";
        Assert.Equal(Expected, Assert.Throws<InvalidDataException>(() => entry.ParsePayload(Encoding.UTF8.GetString)).Message);
        Assert.Equal(Expected, Assert.Throws<InvalidDataException>(() => entry.Utf8Payload).Message);
    }

    /// <summary>The entry <see cref="JournalEntry.FromRow"/> makes of a row in the journal table's column order.</summary>
    private static JournalEntry Read(byte[] payload, string entryId)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1, 'person:99000100055942', $id, $payload, 1796000000000, NULL";
        command.Parameters.AddWithValue("$id", entryId);
        command.Parameters.AddWithValue("$payload", payload);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return JournalEntry.FromRow(reader);
    }
}
