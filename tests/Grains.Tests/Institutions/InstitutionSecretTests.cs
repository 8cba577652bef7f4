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
public sealed class InstitutionSecretTests
{
    private const string Code = "H990001S1";

    [Fact]
    public async Task Registered_secret_is_stored_protected_and_the_stored_state_holds_neither_its_text_nor_its_bytes()
    {
        await using var world = await SettlementWorld.StartAsync();
        var secret = NewSecret();

        await world.RegisterAsync(Code, InstitutionKind.Hospital, InstitutionLevel.Tier2, secret);
        var handedOut = await world.Institution(Code).GetProtectedCredentialSecretAsync();
        var payload = await ReadPayloadAsync(world.DatabasePath);

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
        await using var world = await SettlementWorld.StartAsync();
        var secret = NewSecret();
        await world.RegisterAsync(Code, InstitutionKind.Hospital, InstitutionLevel.Tier2, secret);
        await world.RestartAsync();
        var legacy = JsonNode.Parse(await ReadPayloadAsync(world.DatabasePath))!;
        legacy["credentialSecret"] = secret;
        legacy["protectedCredentialSecret"] = null;
        await WritePayloadAsync(world.DatabasePath, Encoding.UTF8.GetBytes(legacy.ToJsonString()));

        var handedOut = await world.Institution(Code).GetProtectedCredentialSecretAsync();
        var payload = await ReadPayloadAsync(world.DatabasePath);

        Assert.NotNull(handedOut);
        Assert.Equal(secret, Protector(world).Unprotect(handedOut));
        Assert.Equal(handedOut, (string?)JsonNode.Parse(payload)!["protectedCredentialSecret"]);
        Assert.Null(JsonNode.Parse(payload)!["credentialSecret"]);
        Assert.Equal(-1, payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static IDataProtector Protector(SettlementWorld world) =>
        world.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(CredentialProtection.Purpose);

    /// <summary>The stored state of institution <see cref="Code"/>, as the bytes in grain_state.payload.</summary>
    private static async Task<byte[]> ReadPayloadAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'institution' AND grain_key LIKE '%' || $code";
        command.Parameters.AddWithValue("$code", Code);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no stored state for institution {Code}");
        var payload = (byte[])reader["payload"];
        Assert.False(await reader.ReadAsync(), $"more than one stored state for institution {Code}");
        return payload;
    }

    private static async Task WritePayloadAsync(string databasePath, byte[] payload)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE grain_state SET payload = $payload WHERE state_name = 'institution' AND grain_key LIKE '%' || $code";
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$code", Code);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
