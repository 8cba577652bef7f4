using Medisettle.Storage.Schema;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Medisettle.Storage.Tests;

/// <summary>
/// Our PostgreSQL schema for Orleans' ADO.NET reminder service: a grain's reminder is a row that outlives its silo, the
/// real provider reads ring ranges and single rows, and a delete needs the current ETag.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansRemindersSchemaTests(PostgresFixture fixture)
{
    private static readonly SchemaPart[] ReminderParts = [OrleansQueryTable.Part, OrleansClusteringSchema.Part, OrleansRemindersSchema.Part];
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_registered_reminder_is_a_row_that_survives_a_silo_restart_and_unregistering_deletes_it()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_reminders_grain");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        const string ReminderName = "settle-daily";
        GrainId grainId;

        using (var first = await AdoNetClusterHosts.StartSiloAsync(connectionString, withReminders: true, deadline.Token))
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>("person-1");
            grainId = grain.GetGrainId();
            await grain.RegisterAsync(ReminderName, dueTime: TimeSpan.FromHours(1), Period).WaitAsync(deadline.Token);
            await first.StopAsync(deadline.Token);
        }

        Assert.Equal(
            [$"{AdoNetClusterHosts.ServiceId}|{grainId}|{ReminderName}|120000|{unchecked((int)grainId.GetUniformHashCode())}|1"],
            await ReadRowsAsync(connectionString));

        using var second = await AdoNetClusterHosts.StartSiloAsync(connectionString, withReminders: true, deadline.Token);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IReminderProbeGrain>("person-1");
        var stored = await second.Services.GetRequiredService<IReminderTable>().ReadRow(grainId, ReminderName).WaitAsync(deadline.Token);

        Assert.Equal(ReminderName, await again.FindAsync(ReminderName).WaitAsync(deadline.Token));
        Assert.NotNull(stored);
        Assert.Equal((grainId, ReminderName, Period, "1"), (stored.GrainId, stored.ReminderName, stored.Period, stored.ETag));
        Assert.True(await again.UnregisterAsync(ReminderName).WaitAsync(deadline.Token));
        Assert.Empty(await ReadRowsAsync(connectionString));
        Assert.Null(await again.FindAsync(ReminderName).WaitAsync(deadline.Token));
        await second.StopAsync(deadline.Token);
    }

    [Fact]
    public async Task Range_reads_return_the_reminders_whose_hash_is_after_begin_and_up_to_end_on_the_ring()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_reminders_ranges");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        using var silo = await AdoNetClusterHosts.StartSiloAsync(connectionString, withReminders: true, deadline.Token);
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grains = Enumerable.Range(0, 12).Select(i => GrainId.Create("reminder-range", $"g{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "r")).WaitAsync(deadline.Token);
        }

        await table.UpsertRow(Entry(grains[0], "second")).WaitAsync(deadline.Token);
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        (uint Begin, uint End)[] ranges =
        [
            (hashes[2], hashes[8]), (hashes[8], hashes[2]), (hashes[5], hashes[5]), (0, uint.MaxValue),
            (0x4000_0000, 0x7000_0000), (0x9000_0000, 0xF000_0000), (0x6000_0000, 0xA000_0000), (0xA000_0000, 0x6000_0000),
        ];

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.SelectMany(g => Names(g, grains[0])).Where(x => InRing(x.Grain.GetUniformHashCode(), begin, end)).Select(x => x.Key);
            var read = await table.ReadRows(begin, end).WaitAsync(deadline.Token);
            Assert.Equal(expected.Order(StringComparer.Ordinal), read.Reminders.Select(r => $"{r.GrainId}/{r.ReminderName}").Order(StringComparer.Ordinal));
        }

        var ofFirst = await table.ReadRows(grains[0]).WaitAsync(deadline.Token);
        Assert.Equal(["r", "second"], ofFirst.Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.Empty((await table.ReadRows(GrainId.Create("reminder-range", "none")).WaitAsync(deadline.Token)).Reminders);
        await silo.StopAsync(deadline.Token);
    }

    [Fact]
    public async Task Upsert_moves_the_etag_on_and_only_the_current_etag_deletes()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_reminders_etag");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        using var silo = await AdoNetClusterHosts.StartSiloAsync(connectionString, withReminders: true, deadline.Token);
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("reminder-etag", "g");
        await ExecuteAsync(connectionString, """
            INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
            VALUES ('another-service', 'reminder-etag/g', 'r', now(), 60000, 0, 1)
            """);

        Assert.Equal("1", await table.UpsertRow(Entry(grain, "r")).WaitAsync(deadline.Token));
        Assert.Equal("2", await table.UpsertRow(Entry(grain, "r")).WaitAsync(deadline.Token));
        Assert.False(await table.RemoveRow(grain, "r", "1").WaitAsync(deadline.Token));
        Assert.Equal("2", (await table.ReadRow(grain, "r").WaitAsync(deadline.Token))?.ETag);
        Assert.True(await table.RemoveRow(grain, "r", "2").WaitAsync(deadline.Token));
        Assert.Null(await table.ReadRow(grain, "r").WaitAsync(deadline.Token));
        Assert.False(await table.RemoveRow(grain, "r", "2").WaitAsync(deadline.Token));

        await table.UpsertRow(Entry(grain, "r")).WaitAsync(deadline.Token);
        await table.UpsertRow(Entry(grain, "s")).WaitAsync(deadline.Token);
        await table.TestOnlyClearTable().WaitAsync(deadline.Token);

        Assert.Equal(["another-service|reminder-etag/g|r|60000|0|1"], await ReadRowsAsync(connectionString));
        await silo.StopAsync(deadline.Token);
    }

    /// <summary>Orleans' reminder ranges: (begin, end] on the uint ring, wrapping when begin ≥ end.</summary>
    private static bool InRing(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static IEnumerable<(GrainId Grain, string Key)> Names(GrainId grain, GrainId withSecond) =>
        grain == withSecond ? [(grain, $"{grain}/r"), (grain, $"{grain}/second")] : [(grain, $"{grain}/r")];

    // Due in a day: never fires while a test runs.
    private static ReminderEntry Entry(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = DateTime.UtcNow.AddDays(1),
        Period = Period,
    };

    private async Task<string> CreateSchemaDatabaseAsync(string name)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync(name);
        await PostgresSchema.ApplyAsync(connectionString, ReminderParts, CancellationToken.None);
        await PostgresSchema.ApplyAsync(connectionString, ReminderParts, CancellationToken.None);
        return connectionString;
    }

    private static async Task<List<string>> ReadRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT concat_ws('|', ServiceId, GrainId, ReminderName, Period, GrainHash, Version) FROM OrleansRemindersTable ORDER BY 1",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
