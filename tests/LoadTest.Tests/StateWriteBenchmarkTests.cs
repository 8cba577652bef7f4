using Medisettle.Grains.Demo;
using Medisettle.Grains.Persons;
using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Bench;
using Medisettle.LoadTest.Hosting;
using Medisettle.LoadTest.Targets;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>The state-write benchmark's grain on the group-commit storage and on Orleans' AdoNet provider (the baseline).</summary>
public sealed class StateWriteBenchmarkTests
{
    private const int GrainCount = 3;
    private const int SettlementsPerGrain = 2;

    private static readonly PersonStateSample Sample = PersonStateSample.Create(PolicyPackLoader.DefaultDirectory);

    [Fact]
    public async Task Bench_grain_writes_its_person_state_once_per_settlement_on_sqlite_group_commit()
    {
        var directory = Directory.CreateTempSubdirectory("loadtest-");
        try
        {
            var options = new InProcessOptions { Storage = StorageKind.Sqlite, DatabasePath = Path.Combine(directory.FullName, "writes.db") };
            using var host = await StartAsync(options);
            await WriteAsync(host);
            var storage = host.Services.GetRequiredService<GroupCommitGrainStorage>();

            var stored = new GrainState<PersonState>(new PersonState());
            var grainId = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPersonStateBenchGrain>(DemoData.PersonId(0)).GetGrainId();
            await storage.ReadStateAsync("person", grainId, stored);
            await host.StopAsync(CancellationToken.None);

            Assert.Equal(GrainCount * (1 + SettlementsPerGrain), storage.Statistics.WritesCommitted);
            Assert.Equal((1 + SettlementsPerGrain).ToString(System.Globalization.CultureInfo.InvariantCulture), stored.ETag);
            Assert.Equal(Sample.PersonId, stored.State!.Profile!.PersonId);
            Assert.Equal(PersonStateSample.SettlementCount, stored.State.RecentMessages.Count);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Bench_grain_writes_its_person_state_through_orleans_adonet_storage_on_postgres()
    {
        await using var postgres = await LocalPostgresServer.StartAsync();
        var options = new InProcessOptions { Storage = StorageKind.AdoNetPostgres, ConnectionString = postgres.ConnectionString };
        await CoHostedSilo.PrepareStorageAsync(options, CancellationToken.None); // applied twice: the setup is idempotent
        using (var host = await StartAsync(options))
        {
            await WriteAsync(host);
            await host.StopAsync(CancellationToken.None);
        }

        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), min(Version), max(Version), min(octet_length(PayloadBinary)), max(octet_length(PayloadBinary)) FROM OrleansStorage", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(GrainCount, reader.GetInt64(0));
        Assert.Equal(1 + SettlementsPerGrain, reader.GetInt32(1));
        Assert.Equal(1 + SettlementsPerGrain, reader.GetInt32(2));
        Assert.Equal(Sample.JsonBytes, reader.GetInt32(3));
        Assert.Equal(Sample.JsonBytes, reader.GetInt32(4));
    }

    private static async Task<IHost> StartAsync(InProcessOptions options)
    {
        await CoHostedSilo.PrepareStorageAsync(options, CancellationToken.None);
        var host = CoHostedSilo.CreateBuilder(TimeSpan.FromHours(1), silo =>
        {
            silo.AddLoadTestStorage(options);
            silo.Services.AddSingleton(Sample);
        }).Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WriteAsync(IHost host)
    {
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        for (var i = 0; i < GrainCount; i++)
        {
            var grain = factory.GetGrain<IPersonStateBenchGrain>(DemoData.PersonId(i));
            await grain.WriteSampleAsync();
            for (var s = 1; s <= SettlementsPerGrain; s++)
            {
                Assert.Equal(s, await grain.SettleAsync());
            }
        }
    }
}
