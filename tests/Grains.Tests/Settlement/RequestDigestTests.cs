using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// A command that comes without a gateway digest is hashed in a JSON shape of its own, the one used from the start, not
/// the journal's (which leaves nulls and zero amounts out): receipts written before the journal's layout changed still
/// match their retries.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class RequestDigestTests(SqliteClusters clusters)
{
    [Fact]
    public async Task The_receipt_of_a_command_without_a_gateway_digest_holds_the_hash_of_its_json_in_the_original_shape()
    {
        var world = await clusters.WorldAsync();
        var person = await world.EnrolAsync("P1");
        var command = world.Inpatient("M1", 1_000m);

        var settled = await person.SettleAsync(command);
        var receipt = await world.Services.GetRequiredService<IJournal>().FindAsync(LedgerNames.ReceiptEntry(command.InstitutionCode, command.MessageId));

        Assert.Equal(SettlementStatus.Settled, settled.Status);
        Assert.Null(command.RequestDigest);
        Assert.Equal(OriginalDigest(world.Id("P1"), command)[..32], LedgerJson.Deserialize<MessageReceipt>(receipt!.Payload).RequestDigest);
    }

    [Fact]
    public void A_digest_is_kept_as_its_first_128_bits_and_a_kept_digest_matches_only_its_own_request()
    {
        var digest = Convert.ToHexStringLower(SHA256.HashData("request"u8));
        var other = Convert.ToHexStringLower(SHA256.HashData("another request"u8));
        var samePrefix = digest[..32] + other[32..];

        var kept = RequestDigests.Stored(digest);

        Assert.Equal(digest[..32], kept);
        Assert.True(RequestDigests.Matches(kept, digest));
        Assert.False(RequestDigests.Matches(kept, other));
        Assert.True(RequestDigests.Matches(kept, samePrefix)); // what is kept is the first 128 bits: nothing after them counts
        Assert.True(RequestDigests.Matches(digest, digest)); // kept whole, as before
        Assert.False(RequestDigests.Matches(digest, samePrefix));
        Assert.False(RequestDigests.Matches(digest, other));
        Assert.False(RequestDigests.Matches(kept, digest[..31]));
        Assert.Equal("abc", RequestDigests.Stored("abc"));
        Assert.True(RequestDigests.Matches("abc", "abc"));
        Assert.False(RequestDigests.Matches("abc", "abcd"));
    }

    private static readonly JsonSerializerOptions Original = CreateOriginal();

    private static JsonSerializerOptions CreateOriginal()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private static string OriginalDigest(string personKey, SettleCommand command)
    {
        var json = JsonSerializer.Serialize(command, Original);
        Assert.Contains(":null", json, StringComparison.Ordinal); // the original shape writes nulls, the journal's does not
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(personKey + "\n" + json)));
    }
}
