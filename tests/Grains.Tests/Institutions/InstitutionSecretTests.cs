using Medisettle.Storage.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Security;
using Medisettle.Interfaces.Settlement;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Institutions;

/// <summary>
/// An institution's signing secret is stored protected (ASP.NET Core Data Protection, the cluster's key ring): the
/// persisted state holds neither its text nor its bytes, the grain hands out only the protected form, and a plain
/// secret an older version stored is protected and rewritten when the grain activates.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class InstitutionSecretTests(SqliteClusters clusters)
{
    /// <summary>The institution of these tests; its grain key also has the test's prefix.</summary>
    private const string Code = "H990001S1";

    [Fact]
    public async Task Registered_secret_is_stored_protected_and_the_stored_state_holds_neither_its_text_nor_its_bytes()
    {
        var world = await clusters.WorldAsync();
        var code = world.Id(Code);
        var secret = NewSecret();

        await world.RegisterAsync(code, InstitutionKind.Hospital, InstitutionLevel.Tier2, secret);
        var handedOut = await world.Institution(code).GetProtectedCredentialSecretAsync();
        var payload = await ReadPayloadAsync(world.DatabasePath, code);

        Assert.NotNull(handedOut);
        Assert.NotEqual(secret, handedOut);
        Assert.Equal(secret, Protector(world).Unprotect(handedOut));
        Assert.Equal(handedOut, (string?)JsonNode.Parse(payload)!["protectedCredentialSecret"]);
        Assert.Null(JsonNode.Parse(payload)!["credentialSecret"]);
        Assert.Equal(-1, payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(-1, payload.AsSpan().IndexOf(Convert.FromBase64String(secret)));
    }

    [Fact]
    public async Task Plain_secret_left_by_an_older_version_is_protected_and_rewritten_on_activation()
    {
        // The collection's restartable cluster: this test restarts every silo.
        var world = await clusters.RestartableWorldAsync();
        var code = world.Id(Code);
        var secret = NewSecret();
        await world.RegisterAsync(code, InstitutionKind.Hospital, InstitutionLevel.Tier2, secret);
        await world.RestartAsync();
        var legacy = JsonNode.Parse(await ReadPayloadAsync(world.DatabasePath, code))!;
        legacy["credentialSecret"] = secret;
        legacy["protectedCredentialSecret"] = null;
        await WritePayloadAsync(world.DatabasePath, code, Encoding.UTF8.GetBytes(legacy.ToJsonString()));

        var handedOut = await world.Institution(code).GetProtectedCredentialSecretAsync();
        var payload = await ReadPayloadAsync(world.DatabasePath, code);

        Assert.NotNull(handedOut);
        Assert.Equal(secret, Protector(world).Unprotect(handedOut));
        Assert.Equal(handedOut, (string?)JsonNode.Parse(payload)!["protectedCredentialSecret"]);
        Assert.Null(JsonNode.Parse(payload)!["credentialSecret"]);
        Assert.Equal(-1, payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static IDataProtector Protector(SettlementWorld world) =>
        world.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(CredentialProtection.Purpose);

    /// <summary>The stored state of institution <paramref name="code"/>: the JSON of grain_state.payload (decompressed when stored compressed).</summary>
    private static async Task<byte[]> ReadPayloadAsync(string databasePath, string code)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'institution' AND grain_key LIKE '%' || $code";
        command.Parameters.AddWithValue("$code", code);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no stored state for institution {code}");
        var payload = PayloadCodec.Decode((byte[])reader["payload"], "State", code).ToArray();
        Assert.False(await reader.ReadAsync(), $"more than one stored state for institution {code}");
        return payload;
    }

    private static Task WritePayloadAsync(string databasePath, string code, byte[] payload) =>
        Jobs.JournalRows.ExecuteAsync(
            databasePath,
            "UPDATE grain_state SET payload = $payload WHERE state_name = 'institution' AND grain_key LIKE '%' || $code",
            ("$payload", payload),
            ("$code", code));
}
