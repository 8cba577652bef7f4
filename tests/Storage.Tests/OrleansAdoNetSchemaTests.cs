using Medisettle.Storage.Schema;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Medisettle.Storage.Tests;

/// <summary>
/// Our PostgreSQL setup for Orleans' own ADO.NET grain storage (invariant "Npgsql"): idempotent, safe when silos start
/// together, and the real provider reads, writes, clears and rejects stale ETags on it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansAdoNetSchemaTests(PostgresFixture fixture)
{
    private const string StorageName = "adonet";

    private static readonly SchemaPart[] PersistenceParts = [OrleansQueryTable.Part, OrleansPersistenceSchema.Part];

    [Fact]
    public async Task Applying_concurrently_and_again_leaves_exactly_the_persistence_query_keys()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("orleans_schema_apply");

        await Task.WhenAll(
            Task.Run(() => PostgresSchema.ApplyAsync(connectionString, PersistenceParts, CancellationToken.None)),
            Task.Run(() => PostgresSchema.ApplyAsync(connectionString, PersistenceParts, CancellationToken.None)));
        await PostgresSchema.ApplyAsync(connectionString, PersistenceParts, CancellationToken.None);

        Assert.Equal(
            ["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"],
            await ReadQueryKeysAsync(connectionString));
    }

    [Fact]
    public async Task Applying_again_restores_a_changed_query_text()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("orleans_schema_upsert");
        await PostgresSchema.ApplyAsync(connectionString, PersistenceParts, CancellationToken.None);
        await ExecuteAsync(connectionString, "UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'ReadFromStorageKey'");

        await PostgresSchema.ApplyAsync(connectionString, PersistenceParts, CancellationToken.None);

        Assert.Equal(
            OrleansPersistenceSchema.Part.Queries[OrleansPersistenceSchema.ReadFromStorageKey],
            await ReadQueryTextAsync(connectionString, OrleansPersistenceSchema.ReadFromStorageKey));
    }

    [Fact]
    public async Task Query_rows_without_the_OrleansQuery_table_part_are_rejected_before_connecting()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => PostgresSchema.ApplyAsync("Host=0.0.0.0;Port=1", [OrleansPersistenceSchema.Part], CancellationToken.None));

        Assert.Equal("parts", exception.ParamName);
    }

    [Fact]
    public async Task Grain_state_written_through_the_AdoNet_provider_survives_deactivation()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_storage_grain");
        await using var cluster = await StartClusterAsync(connectionString);
        var grain = cluster.Client.GetGrain<IAdoNetCounterGrain>("person-1");

        Assert.Equal(150, await grain.AddAsync(150));
        Assert.Equal(400, await grain.AddAsync(250));
        await cluster.DeactivateAsync(grain);

        Assert.False(cluster.TryGetGrainContext(grain.GetGrainId(), out _));
        Assert.Equal(new AdoNetCounterSnapshot(400, "2", true), await grain.GetAsync());
        Assert.Equal(1, await CountRowsAsync(connectionString));
    }

    [Fact]
    public async Task Stale_etag_and_second_first_write_throw_InconsistentStateException()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_storage_etag");
        await using var cluster = await StartClusterAsync(connectionString);
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageName);
        var grainId = GrainId.Create(GrainType.Create("adonet-direct"), GrainIdKeyExtensions.CreateIntegerKey(42));
        const string StateName = "counter";

        var current = new GrainState<AdoNetCounterState>(new AdoNetCounterState { AmountFen = 1 });
        await storage.WriteStateAsync(StateName, grainId, current);
        var stale = new GrainState<AdoNetCounterState>(new AdoNetCounterState { AmountFen = 2 }, current.ETag);
        current.State = new AdoNetCounterState { AmountFen = 3 };
        await storage.WriteStateAsync(StateName, grainId, current);
        var secondFirstWriter = new GrainState<AdoNetCounterState>(new AdoNetCounterState { AmountFen = 4 });

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, secondFirstWriter));

        Assert.Equal(new AdoNetCounterSnapshot(3, "2", true), await ReadAsync(storage, StateName, grainId));
    }

    [Fact]
    public async Task Clear_keeps_the_version_sequence_and_rejects_a_stale_etag()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_storage_clear");
        await using var cluster = await StartClusterAsync(connectionString);
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageName);
        var grainId = GrainId.Create(GrainType.Create("adonet-direct"), GrainIdKeyExtensions.CreateGuidKey(Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), "ext"));
        const string StateName = "counter";
        var current = new GrainState<AdoNetCounterState>(new AdoNetCounterState { AmountFen = 5 });
        await storage.WriteStateAsync(StateName, grainId, current);
        var stale = new GrainState<AdoNetCounterState>(new AdoNetCounterState { AmountFen = 5 }, current.ETag);

        await storage.ClearStateAsync(StateName, grainId, current);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, stale));

        Assert.Equal(new AdoNetCounterSnapshot(0, "2", false), await ReadAsync(storage, StateName, grainId));
        current.State = new AdoNetCounterState { AmountFen = 7 };
        await storage.WriteStateAsync(StateName, grainId, current);
        Assert.Equal(new AdoNetCounterSnapshot(7, "3", true), await ReadAsync(storage, StateName, grainId));
    }

    [Fact]
    public async Task Clear_with_DeleteStateOnClear_deletes_the_row_and_the_next_write_starts_again_at_version_1()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_storage_delete");
        await using var cluster = await StartClusterAsync(connectionString, deleteStateOnClear: true);
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageName);
        var grainId = GrainId.Create(GrainType.Create("adonet-direct"), "person-2");
        var current = new GrainState<AdoNetCounterState>(new AdoNetCounterState { AmountFen = 5 });
        await storage.WriteStateAsync("counter", grainId, current);
        await storage.WriteStateAsync("counter", grainId, current);

        await storage.ClearStateAsync("counter", grainId, current);

        Assert.Equal((null, false), (current.ETag, current.RecordExists));
        Assert.Equal(0, await CountRowsAsync(connectionString));
        current.State = new AdoNetCounterState { AmountFen = 8 };
        await storage.WriteStateAsync("counter", grainId, current);
        Assert.Equal(new AdoNetCounterSnapshot(8, "1", true), await ReadAsync(storage, "counter", grainId));
    }

    [Fact]
    public async Task First_write_waits_for_an_uncommitted_first_write_of_the_same_grain_then_writes_nothing()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_storage_first_write");
        await using var first = new NpgsqlConnection(connectionString);
        await using var second = new NpgsqlConnection(connectionString);
        await first.OpenAsync();
        await second.OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        Assert.Equal(1, await WriteWithoutETagAsync(first, firstTransaction, amountFen: 1));

        var secondWrite = WriteWithoutETagAsync(second, transaction: null, amountFen: 2);
        await WaitUntilWaitingOnLockOrDoneAsync(connectionString, second.ProcessID, secondWrite);
        await firstTransaction.CommitAsync();

        Assert.Null(await secondWrite);
        Assert.Equal(1, await CountRowsAsync(connectionString));
    }

    /// <summary>Runs the provider's write query the way the provider binds it, for a grain activation that has no ETag yet.</summary>
    private static async Task<int?> WriteWithoutETagAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long amountFen)
    {
        var sql = OrleansPersistenceSchema.Part.Queries[OrleansPersistenceSchema.WriteToStorageKey];
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("GrainIdHash", 17);
        command.Parameters.AddWithValue("GrainIdN0", 0L);
        command.Parameters.AddWithValue("GrainIdN1", 42L);
        command.Parameters.AddWithValue("GrainTypeHash", 23);
        command.Parameters.AddWithValue("GrainTypeString", "adonet-direct");
        command.Parameters.Add(new NpgsqlParameter("GrainIdExtensionString", NpgsqlDbType.Text) { Value = DBNull.Value });
        command.Parameters.AddWithValue("ServiceId", "medisettle-test");
        command.Parameters.Add(new NpgsqlParameter("GrainStateVersion", NpgsqlDbType.Integer) { Value = DBNull.Value });
        command.Parameters.AddWithValue("PayloadBinary", BitConverter.GetBytes(amountFen));
        var version = await command.ExecuteScalarAsync();
        return version is DBNull ? null : (int?)version;
    }

    /// <summary>Returns once the backend <paramref name="processId"/> waits on a lock, or <paramref name="work"/> has finished.</summary>
    private static async Task WaitUntilWaitingOnLockOrDoneAsync(string connectionString, int processId, Task work)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(deadline.Token);
        await using var command = new NpgsqlCommand("SELECT coalesce(wait_event_type = 'Lock', false) FROM pg_stat_activity WHERE pid = @pid", connection);
        command.Parameters.AddWithValue("pid", processId);
        while (!work.IsCompleted && !(bool)(await command.ExecuteScalarAsync(deadline.Token))!)
        {
        }
    }

    private static async Task<AdoNetCounterSnapshot> ReadAsync(IGrainStorage storage, string stateName, GrainId grainId)
    {
        var state = new GrainState<AdoNetCounterState>(new AdoNetCounterState { AmountFen = -1 });
        await storage.ReadStateAsync(stateName, grainId, state);
        return new AdoNetCounterSnapshot(state.State?.AmountFen ?? -1, state.ETag, state.RecordExists);
    }

    private async Task<string> CreateSchemaDatabaseAsync(string name)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync(name);
        await PostgresSchema.ApplyAsync(connectionString, PersistenceParts, CancellationToken.None);
        return connectionString;
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(string connectionString, bool deleteStateOnClear = false)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddAdoNetGrainStorage(StorageName, options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = connectionString;
            options.DeleteStateOnClear = deleteStateOnClear;
        }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task<List<string>> ReadQueryKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<string?> ReadQueryTextAsync(string connectionString, string key)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task<long> CountRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansStorage", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A counter in fen, persisted through the AdoNet provider under the name <c>adonet</c>.</summary>
public interface IAdoNetCounterGrain : IGrainWithStringKey
{
    Task<long> AddAsync(long amountFen);

    Task<AdoNetCounterSnapshot> GetAsync();
}

[GenerateSerializer, Immutable]
public sealed record AdoNetCounterSnapshot([property: Id(0)] long AmountFen, [property: Id(1)] string? ETag, [property: Id(2)] bool RecordExists);

[GenerateSerializer]
public sealed class AdoNetCounterState
{
    [Id(0)]
    public long AmountFen { get; set; }
}

public sealed class AdoNetCounterGrain([PersistentState("s", "adonet")] IPersistentState<AdoNetCounterState> state) : Grain, IAdoNetCounterGrain
{
    public async Task<long> AddAsync(long amountFen)
    {
        state.State.AmountFen += amountFen;
        await state.WriteStateAsync();
        return state.State.AmountFen;
    }

    public Task<AdoNetCounterSnapshot> GetAsync() =>
        Task.FromResult(new AdoNetCounterSnapshot(state.State.AmountFen, state.Etag, state.RecordExists));
}
