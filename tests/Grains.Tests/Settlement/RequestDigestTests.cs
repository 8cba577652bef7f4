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
        Assert.Equal(OriginalDigest(world.Id("P1"), command), LedgerJson.Deserialize<MessageReceipt>(receipt!.Payload).RequestDigest);
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
