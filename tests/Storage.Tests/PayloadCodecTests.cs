using System.Text;
using Medisettle.Storage.Compression;

namespace Medisettle.Storage.Tests;

/// <summary>The stored form of journal payloads: compressed with the shipped dictionary, or the JSON text as it is.</summary>
public sealed class PayloadCodecTests
{
    private const string Record =
        "{\"settlementId\":\"S20261130007558d3b423d1edcfb2a\",\"messageId\":\"P99000100055202611300908100001\",\"personId\":\"99000100055942\"," +
        "\"institutionCode\":\"P99000100055\",\"insuredRegion\":\"990001\",\"scheme\":\"Employee\",\"breakdown\":{\"visitType\":\"Pharmacy\"," +
        "\"trace\":[\"pack P0-990001-employee: region 990001, scheme Employee\",\"split: total 385.45 = funds 0.00 + account 385.45 + cash 0.00\"]," +
        "\"note\":\"统筹基金 大额医疗 😀\"}}";

    [Fact]
    public void A_payload_is_stored_compressed_with_the_current_dictionary_and_decodes_to_the_exact_bytes()
    {
        var json = Encoding.UTF8.GetBytes(Record);

        var stored = PayloadCodec.Encode(json);

        Assert.NotNull(stored);
        Assert.Equal([0, PayloadCodec.CurrentDictionary], stored[..2]);
        Assert.True(stored.Length < json.Length / 2, $"{stored.Length} bytes stored for {json.Length}");
        Assert.True(PayloadCodec.IsEncoded(stored));
        Assert.Equal(json, PayloadCodec.Decode(stored, "Journal entry", "e1").ToArray());
    }

    [Fact]
    public void Short_or_incompressible_payloads_are_stored_as_they_are_and_JSON_text_decodes_to_itself()
    {
        var random = new byte[256];
        new Random(7).NextBytes(random);
        random[0] = (byte)'"'; // never a leading zero: that would read as a compressed payload
        var shortJson = Encoding.UTF8.GetBytes("{\"n\":1}");

        Assert.Null(PayloadCodec.Encode(shortJson));
        Assert.Null(PayloadCodec.Encode(new byte[PayloadCodec.MinimumLength - 1]));
        Assert.Null(PayloadCodec.Encode(random));
        var text = Encoding.UTF8.GetBytes(Record);
        Assert.False(PayloadCodec.IsEncoded(text));
        Assert.Equal(text, PayloadCodec.Decode(text, "Journal entry", "e1").ToArray());
        Assert.True(PayloadCodec.Decode(ReadOnlyMemory<byte>.Empty, "Journal entry", "e1").IsEmpty);
    }

    [Fact]
    public void A_stored_payload_this_version_cannot_read_is_refused_naming_the_entry()
    {
        var stored = PayloadCodec.Encode(Encoding.UTF8.GetBytes(Record))!;
        var otherDictionary = stored.ToArray();
        otherDictionary[1] = 9;
        var truncated = stored[..(stored.Length / 2)];
        Assert.Equal(
            "Journal entry e7: its payload is compressed with dictionary 9, which this version does not have (it has 1 to 1).",
            Assert.Throws<InvalidDataException>(() => PayloadCodec.Decode(otherDictionary, "Journal entry", "e7")).Message);
        Assert.Equal(
            "Journal entry e8: its stored payload is 1 bytes, too short for a compressed payload.",
            Assert.Throws<InvalidDataException>(() => PayloadCodec.Decode(new byte[] { 0 }, "Journal entry", "e8")).Message);
        Assert.StartsWith("Journal entry e9: ", Assert.Throws<InvalidDataException>(() => PayloadCodec.Decode(truncated, "Journal entry", "e9")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Threads_compressing_and_decompressing_at_once_each_get_their_own_payload_back()
    {
        var payloads = Enumerable.Range(0, 64).Select(i => Encoding.UTF8.GetBytes(Record.Replace("385.45", $"{i}.{i:D2}", StringComparison.Ordinal))).ToArray();

        var rounds = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var ok = 0;
            for (var round = 0; round < 200; round++)
            {
                var json = payloads[(worker * 7 + round) % payloads.Length];
                ok += PayloadCodec.Decode(PayloadCodec.Encode(json)!, "Journal entry", "e").Span.SequenceEqual(json) ? 1 : 0;
            }

            return ok;
        })));

        Assert.All(rounds, ok => Assert.Equal(200, ok));
    }
}
