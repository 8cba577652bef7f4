using Medisettle.Grains.Hosting;
using Medisettle.Grains.Ledger;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;
using Orleans.TestingHost;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// An Orleans test cluster of <see cref="SiloCount"/> silos with the settlement grains (demo region 990001, pack P0)
/// on SQLite or PostgreSQL. Persons, funds and institutions are placed on any silo, so every test also crosses silos.
/// The posting dispatcher is driven by hand. Tests share one per collection (<see cref="SharedClusters"/>) and each
/// sees it through its own <see cref="SettlementWorld"/> (<see cref="NewWorldAsync"/>).
/// </summary>
internal sealed class SettlementCluster : IAsyncDisposable
{
    public const int SiloCount = 2;

    /// <summary>After a restart: calls to distinct grains that must reach a silo in a row, and how long that may take.</summary>
    private const int ProbesInARow = 16;
    private static readonly TimeSpan ReachableWithin = TimeSpan.FromSeconds(30);

    /// <summary>The SQLite database (when not on PostgreSQL) and the key ring that protects institution secrets.</summary>
    private readonly string _directory;
    private int _worlds;

    private SettlementCluster(InProcessTestCluster cluster, string directory)
    {
        Cluster = cluster;
        _directory = directory;
    }

    /// <summary>The SQLite database file (unused on PostgreSQL).</summary>
    public string DatabasePath => Path.Combine(_directory, "silo.db");

    public InProcessTestCluster Cluster { get; }

    /// <summary>The services of the first silo (auditor, journal, policy catalog).</summary>
    public IServiceProvider Services => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    public IPostingDispatcherGrain Dispatcher => Cluster.Client.GetGrain<IPostingDispatcherGrain>(PostingDispatcherGrain.Key);

    public LedgerAuditor Auditor => Services.GetRequiredService<LedgerAuditor>();

    /// <summary>
    /// Starts <paramref name="siloCount"/> silos on PostgreSQL at <paramref name="postgresConnection"/>, or on a fresh
    /// SQLite file when null; <paramref name="clientResponseTimeout"/> replaces the test client's (Orleans' default 30 s);
    /// <paramref name="clock"/>, when given, is the grains' settlement clock.
    /// </summary>
    public static async Task<SettlementCluster> StartAsync(
        string? postgresConnection = null,
        Action<SettlementOptions>? configure = null,
        int siloCount = SiloCount,
        TimeSpan? clientResponseTimeout = null,
        bool scheduleFundJobs = false,
        TimeProvider? clock = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"medisettle-grains-{Guid.NewGuid():N}");
        if (postgresConnection is not null)
        {
            await PostgresSchema.ApplyAsync(postgresConnection, [OrleansQueryTable.Part, OrleansRemindersSchema.Part], CancellationToken.None);
        }

        var builder = new InProcessTestClusterBuilder(checked((short)siloCount));
        if (clientResponseTimeout is { } timeout)
        {
            builder.ConfigureClient(client => client.Services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = timeout));
        }

        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddCredentialProtection(Path.Combine(directory, "keys"));
            // Random, not Orleans' load-based default, so persons, funds and institutions spread over the silos.
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            if (postgresConnection is not null)
            {
                silo.AddPostgresGroupCommitStorageAsDefault(o => o.ConnectionString = postgresConnection);
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = postgresConnection;
                });
            }
            else
            {
                silo.AddSqliteGroupCommitStorageAsDefault(o =>
                {
                    o.DatabasePath = Path.Combine(directory, "silo.db");
                    o.Synchronous = SqliteSynchronousMode.Normal;
                });
                silo.UseSqliteReminderService(o => o.DatabasePath = Path.Combine(directory, "silo.db"));
            }

            if (clock is not null)
            {
                silo.Services.AddKeyedSingleton(SettlementClock.ServiceKey, clock);
            }

            silo.AddSettlementGrains(options =>
            {
                options.DispatchInBackground = false;
                configure?.Invoke(options);
            });
            if (scheduleFundJobs)
            {
                // Only where a test checks the reminders: a job's daily tick would otherwise pay out or close other
                // tests' settlements whenever a run crosses its time of day.
                silo.AddFundJobSchedule();
            }
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SettlementCluster(cluster, directory);
    }

    /// <summary>
    /// A new test's view of this cluster, with a prefix no other world of the cluster has and its own institutions.
    /// Drains the dispatcher first, so fund balances read next include every earlier test's postings.
    /// </summary>
    public async Task<SettlementWorld> NewWorldAsync()
    {
        await Dispatcher.DrainAsync();
        var world = new SettlementWorld(this, $"T{Interlocked.Increment(ref _worlds):D3}-");
        await world.RegisterInstitutionsAsync();
        return world;
    }

    /// <summary>
    /// Stops every silo gracefully (their storage commits what is queued), starts a new one in its place, and returns
    /// once the test client reaches the new silos: until its gateway list is refreshed, a call can still be sent to a
    /// stopped silo's gateway and fail to connect, as a hospital's first call after a restart may.
    /// </summary>
    public async Task RestartAsync()
    {
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.RestartSiloAsync(silo);
        }

        var deadline = DateTime.UtcNow + ReachableWithin;
        var reached = 0;
        for (var probe = 0; reached < ProbesInARow; probe++)
        {
            try
            {
                await Cluster.Client.GetGrain<IPersonGrain>($"probe-{probe}").GetSnapshotAsync();
                reached++;
            }
            catch (ConnectionFailedException) when (DateTime.UtcNow < deadline)
            {
                reached = 0;
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
