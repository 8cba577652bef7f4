using Medisettle.Storage.Compression;
using System.Net;
using Medisettle.Interfaces.Platform;
using Microsoft.Data.Sqlite;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// Institution secrets are stored protected with the cluster's key ring (in the host's temp directory, shared by its
/// silos and gateways): the database never holds a secret, yet the gateway verifies signed requests, also after a
/// restart of every silo and gateway (the new processes' key rings are read back from the key directory).
/// Starts its own host, because it restarts it.
/// </summary>
public sealed class CredentialAtRestEndToEndTests
{
    [Fact]
    public async Task Database_holds_no_secret_and_signed_requests_verify_before_and_after_a_restart()
    {
        var host = new SettlementHost();
        await host.InitializeAsync();
        try
        {
            var before = await host.CallAsync("9001", Inputs.SignIn(), SettlementHost.Hospital);
            await host.RestartAsync();
            var after = await host.CallAsync("9001", Inputs.SignIn(), SettlementHost.Pharmacy);
            var holding = await RowsHoldingASecretAsync(host);

            Assert.Equal((HttpStatusCode.OK, Infcodes.Success), (before.Status, before.Infcode));
            Assert.Equal((HttpStatusCode.OK, Infcodes.Success), (after.Status, after.Infcode));
            Assert.Equal(SettlementHost.DemoInstitutions, host.Credentials.Count);
            Assert.Equal([], holding);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>Keys of every grain_state row whose payload (its JSON, decompressed when stored compressed) contains a demo secret, as text or as its bytes.</summary>
    private static async Task<string[]> RowsHoldingASecretAsync(SettlementHost host)
    {
        var needles = host.Credentials.Secrets.Values.SelectMany(s => new[] { System.Text.Encoding.UTF8.GetBytes(s), Convert.FromBase64String(s) }).ToArray();
        await using var connection = new SqliteConnection($"Data Source={host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key, payload FROM grain_state WHERE payload IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync();
        var holding = new List<string>();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            var payload = PayloadCodec.Decode((byte[])reader["payload"], "State", reader.GetString(0)).ToArray();
            if (needles.Any(n => payload.AsSpan().IndexOf(n) >= 0))
            {
                holding.Add(reader.GetString(0));
            }
        }

        Assert.True(rows > SettlementHost.DemoPersons + SettlementHost.DemoInstitutions, $"only {rows} stored states");
        return holding.ToArray();
    }
}
