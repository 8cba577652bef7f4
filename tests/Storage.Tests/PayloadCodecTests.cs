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

    /// <summary>A receipt as an earlier version stored it with dictionary 1, copied from a data file that version wrote.</summary>
    private const string ReceiptStoredWithDictionary1 =
        "000128B52FFD6030008D020013C70FCBC71DDA2256FFEA8F95731F76E2B672659C696B792A6932E7FE90C93FE73739D93A733D6FB4FBC6B4E4920" +
        "5A72CD0574EC80EED31AAFEE89C5DBF59DF290605FCEA0AAD9915F6FBB34C22D2CF99";

    private const string ReceiptWithDictionary1 =
        "{\"messageId\":\"P99000100121202611301241170097\",\"institutionCode\":\"P99000100121\",\"isCancel\":false," +
        "\"settlementId\":\"S202611300101bc9844ab5c10cd649\",\"answeredAt\":\"2026-11-30T04:41:31.0327919+00:00\"," +
        "\"personId\":\"99000100002780\",\"requestDigest\":\"14801f0d6359bb93ac191bad4de130503360e8e7523721768e619e99e6c50211\"}";

    /// <summary>A cancel's receipt as the previous version stored it with dictionary 2, copied from a data file that version wrote.</summary>
    private const string ReceiptStoredWithDictionary2 =
        "000228B52FFD20C11D020073840A958E7375529E4AC43D6BBADFB6AD156B3AE5ACE6CAA98CBEB8795C7AB859E718EC3D3FA4D2C993890B" +
        "0107FC2C705585A808310E3A7A630015641EA56673B702";

    private const string ReceiptWithDictionary2 =
        "{\"isCancel\":true,\"settlementId\":\"S2026113001d3b3bdec181572abbfa\",\"answeredAt\":\"2026-11-30T08:31:08.8264364+00:00\"," +
        "\"personId\":\"99000100080352\",\"requestDigest\":\"468e1d46e70750977a5b5223e13dbe81\"}";

    /// <summary>A cancel's receipt as the previous version stored it with dictionary 3, copied from a data file that version wrote.</summary>
    private const string ReceiptStoredWithDictionary3 =
        "000328B52FFD20C00D020063040A97487EAB16FA55375DCACCA9538DD62873F7EC735CDDCBFD7A52D461A5A36A072F89D5255A6DBD2C06FC6E" +
        "76D72D2160981818BA1C41DE30B2752A509607";

    private const string ReceiptWithDictionary3 =
        "{\"isCancel\":true,\"settlementId\":\"M2612010702450001P99000100306\",\"answeredAt\":\"2026-12-01T00:02:46.1019879+00:00\"," +
        "\"personId\":\"99000100089083\",\"requestDigest\":\"d7d33a6b2490c63a8609b9031e700715\"}";

    [Theory]
    [InlineData(ReceiptStoredWithDictionary1, ReceiptWithDictionary1)]
    [InlineData(ReceiptStoredWithDictionary2, ReceiptWithDictionary2)]
    [InlineData(ReceiptStoredWithDictionary3, ReceiptWithDictionary3)]
    public void A_payload_stored_with_an_earlier_dictionary_still_reads_and_new_ones_name_the_current_one(string storedHex, string expected)
    {
        var stored = Convert.FromHexString(storedHex);

        var json = Encoding.UTF8.GetString(PayloadCodec.Decode(stored, "Journal entry", "msgt:1").Span);

        Assert.Equal(expected, json);
        Assert.True(stored[1] < PayloadCodec.CurrentDictionary);
        Assert.Equal(4, PayloadCodec.CurrentDictionary);
        var again = PayloadCodec.Encode(Encoding.UTF8.GetBytes(json))!;
        Assert.Equal([0, 4], again[..2]);
        Assert.Equal(json, Encoding.UTF8.GetString(PayloadCodec.Decode(again, "Journal entry", "msgt:1").Span));
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
            "Journal entry e7: its payload is compressed with dictionary 9, which this version does not have (it has 1 to 4).",
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
