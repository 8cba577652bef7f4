using Medisettle.Storage.Hosting;
using Medisettle.Storage.Reminders;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Medisettle.Storage.Tests;

/// <summary>
/// <see cref="SqliteReminderTable"/> against the <see cref="IReminderTable"/> contract (ETags, reads by grain and by hash
/// range, wrapping ranges), and a reminder registered before a silo restart firing after it.
/// </summary>
public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"medisettle-reminders-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_directory, "silo.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Upsert_creates_then_moves_the_etag_on_and_a_read_returns_what_was_written()
    {
        var table = await StartTableAsync("service-a");
        var grain = GrainId.Create("probe", "g1");
        var start = new DateTime(2026, 3, 2, 16, 30, 0, DateTimeKind.Utc);

        var first = await table.UpsertRow(Entry(grain, "daily", start, TimeSpan.FromDays(1)));
        var second = await table.UpsertRow(Entry(grain, "daily", start.AddDays(1), TimeSpan.FromHours(1)));
        var read = await table.ReadRow(grain, "daily");

        Assert.Equal(("1", "2"), (first, second));
        Assert.NotNull(read);
        Assert.Equal((grain, "daily", start.AddDays(1), TimeSpan.FromHours(1), "2"), (read.GrainId, read.ReminderName, read.StartAt, read.Period, read.ETag));
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Null(await table.ReadRow(grain, "other"));
    }

    [Fact]
    public async Task Remove_needs_the_current_etag()
    {
        var table = await StartTableAsync("service-a");
        var grain = GrainId.Create("probe", "g2");
        var stale = await table.UpsertRow(Entry(grain, "r", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        var current = await table.UpsertRow(Entry(grain, "r", DateTime.UtcNow, TimeSpan.FromMinutes(2)));

        Assert.False(await table.RemoveRow(grain, "r", stale!));
        Assert.False(await table.RemoveRow(grain, "r", "not-a-version"));
        Assert.NotNull(await table.ReadRow(grain, "r"));
        Assert.True(await table.RemoveRow(grain, "r", current!));
        Assert.False(await table.RemoveRow(grain, "r", current!));
        Assert.Null(await table.ReadRow(grain, "r"));
    }

    [Fact]
    public async Task Rows_are_read_by_grain_and_kept_apart_per_service_id()
    {
        var a = await StartTableAsync("service-a");
        var b = await StartTableAsync("service-b");
        var grain = GrainId.Create("probe", "g3");
        await a.UpsertRow(Entry(grain, "one", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        await a.UpsertRow(Entry(grain, "two", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        await a.UpsertRow(Entry(GrainId.Create("probe", "g4"), "one", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        await b.UpsertRow(Entry(grain, "three", DateTime.UtcNow, TimeSpan.FromMinutes(1)));

        var read = await a.ReadRows(grain);
        await a.TestOnlyClearTable();

        Assert.Equal(["one", "two"], read.Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.Empty((await a.ReadRows(grain)).Reminders);
        Assert.Equal(["three"], (await b.ReadRows(grain)).Reminders.Select(r => r.ReminderName));
    }

    [Fact]
    public async Task Hash_ranges_are_begin_exclusive_end_inclusive_and_wrap_when_begin_is_not_below_end()
    {
        var table = await StartTableAsync("service-a");
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("probe", $"h{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "r", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[10], hashes[30]);

        Assert.Equal(Expected(h => h > low && h <= high), await HashesAsync(low, high));
        Assert.Equal(20, (await HashesAsync(low, high)).Count);
        Assert.Equal(Expected(h => h > high || h <= low), await HashesAsync(high, low));
        Assert.Equal(20, (await HashesAsync(high, low)).Count);
        Assert.Equal(hashes, await HashesAsync(low, low));
        Assert.Equal(hashes, await HashesAsync(uint.MaxValue, uint.MaxValue));
        Assert.Equal(Expected(h => h <= hashes[0]), await HashesAsync(uint.MaxValue, hashes[0]));
        Assert.Equal([hashes[^1]], await HashesAsync(hashes[^2], uint.MaxValue));

        List<uint> Expected(Func<uint, bool> inRange) => hashes.Where(inRange).ToList();

        async Task<List<uint>> HashesAsync(uint begin, uint end) =>
            (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order().ToList();
    }

    [Fact]
    public async Task A_reminder_registered_before_a_silo_restart_fires_after_it()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGroupCommitStorageAsDefault(o => o.DatabasePath = DatabasePath);
            silo.UseSqliteReminderService(o => o.DatabasePath = DatabasePath);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var key = $"restart-{Guid.NewGuid():N}";
            var grain = cluster.Client.GetGrain<IReminderProbeGrain>(key);
            await grain.RegisterAsync("tick", dueTime: TimeSpan.FromSeconds(6), period: TimeSpan.FromMinutes(1));

            await cluster.RestartSiloAsync(cluster.Silos[0]);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!ReminderProbeGrain.Ticks.ContainsKey($"{key}/tick") && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }

            var table = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredService<IReminderTable>();
            Assert.IsType<SqliteReminderTable>(table);
            Assert.True(ReminderProbeGrain.Ticks.ContainsKey($"{key}/tick"), "the reminder did not fire within 60 s of the restart");
            Assert.NotNull(await table.ReadRow(grain.GetGrainId(), "tick"));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private async Task<SqliteReminderTable> StartTableAsync(string serviceId)
    {
        var table = new SqliteReminderTable(
            new SqliteStorageOptions { DatabasePath = DatabasePath, Synchronous = SqliteSynchronousMode.Normal },
            Options.Create(new ClusterOptions { ServiceId = serviceId }));
        await table.StartAsync();
        return table;
    }

    private static ReminderEntry Entry(GrainId grain, string name, DateTime start, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = start, Period = period };
}
