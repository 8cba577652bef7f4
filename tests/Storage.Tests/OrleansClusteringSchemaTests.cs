using System.Net;
using System.Reflection;
using Medisettle.Storage.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;

namespace Medisettle.Storage.Tests;

/// <summary>
/// Our PostgreSQL schema for Orleans' ADO.NET clustering provider: it holds every query the 10.4.2 provider asks for, the
/// real provider's versioned writes and cleanup behave on it, and two silos and a client form a cluster through it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansClusteringSchemaTests(PostgresFixture fixture)
{
    private static readonly SchemaPart[] ClusteringParts = [OrleansQueryTable.Part, OrleansClusteringSchema.Part];
    private static readonly DateTime Started = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Parts_carry_exactly_the_query_keys_the_10_4_2_providers_require()
    {
        var clustering = RequiredQueryKeys(typeof(AdoNetClusteringTable), "Orleans.Clustering.AdoNet.Storage.DbStoredQueries");
        var reminders = RequiredQueryKeys(typeof(AdoNetReminderTableOptions), "Orleans.Reminders.AdoNet.Storage.DbStoredQueries");

        // The provider uses CleanupDefunctSiloEntryKey when present but does not require it.
        Assert.Equal(
            clustering.Append(OrleansClusteringSchema.CleanupDefunctSiloEntryKey).Order(StringComparer.Ordinal),
            OrleansClusteringSchema.Part.Queries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(reminders, OrleansRemindersSchema.Part.Queries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Applying_concurrently_and_again_leaves_exactly_the_clustering_and_reminder_query_keys()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("orleans_cluster_schema_apply");
        SchemaPart[] parts = [OrleansQueryTable.Part, OrleansClusteringSchema.Part, OrleansRemindersSchema.Part];

        await Task.WhenAll(
            Task.Run(() => PostgresSchema.ApplyAsync(connectionString, parts, CancellationToken.None)),
            Task.Run(() => PostgresSchema.ApplyAsync(connectionString, parts, CancellationToken.None)));
        await PostgresSchema.ApplyAsync(connectionString, parts, CancellationToken.None);

        Assert.Equal(
            [
                "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "DeleteMembershipTableEntriesKey",
                "DeleteReminderRowKey", "DeleteReminderRowsKey", "GatewaysQueryKey", "InsertMembershipKey",
                "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "ReadRangeRows1Key",
                "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey",
                "UpdateMembershipKey", "UpsertReminderRowKey",
            ],
            await ReadStringsAsync(connectionString, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\""));
    }

    [Fact]
    public async Task Membership_writes_succeed_only_at_the_current_table_version()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_membership_versions");
        var table = CreateMembershipTable(connectionString);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var empty = await table.ReadAllAsync();
        var silo = Entry(11111, SiloStatus.Joining, Started);

        Assert.Equal(("0", 0), (empty.Version.VersionEtag, empty.Members.Count));
        Assert.True(await table.InsertRowAsync(silo, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(22222, SiloStatus.Joining, Started), empty.Version.Next()));
        var inserted = await table.ReadAllAsync();
        var (stored, etag) = Assert.Single(inserted.Members);
        Assert.Equal(("1", "1"), (inserted.Version.VersionEtag, etag));
        Assert.Equal(Describe(silo), Describe(stored));
        Assert.False(await table.InsertRowAsync(silo, inserted.Version.Next()));

        var suspect = SiloAddress.New(IPAddress.Loopback, 33333, 7);
        var active = Entry(11111, SiloStatus.Active, Started);
        active.SuspectTimes = [Tuple.Create(suspect, Started.AddSeconds(5))];
        Assert.False(await table.UpdateRowAsync(active, "0", empty.Version.Next()));
        Assert.True(await table.UpdateRowAsync(active, etag, inserted.Version.Next()));

        var updated = await table.ReadRowAsync(silo.SiloAddress);
        Assert.Equal("2", updated.Version.VersionEtag);
        Assert.Equal(Describe(active), Describe(Assert.Single(updated.Members).Item1));
        var unknown = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 44444, 1));
        Assert.Equal(("2", 0), (unknown.Version.VersionEtag, unknown.Members.Count));

        active.IAmAliveTime = Started.AddMinutes(3);
        await table.UpdateIAmAliveAsync(active);
        var alive = await table.ReadAllAsync();
        Assert.Equal(("2", Started.AddMinutes(3)), (alive.Version.VersionEtag, Assert.Single(alive.Members).Item1.IAmAliveTime));
    }

    [Fact]
    public async Task Cleanup_deletes_only_dead_silos_older_than_the_cutoff_and_delete_empties_the_cluster()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_membership_cleanup");
        var table = CreateMembershipTable(connectionString);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var cutoff = Started.AddHours(1);
        await InsertAsync(table, Entry(1001, SiloStatus.Active, Started));
        await InsertAsync(table, Entry(1002, SiloStatus.Dead, Started));
        await InsertAsync(table, Entry(1003, SiloStatus.Dead, cutoff.AddMinutes(1)));
        var votedRecently = Entry(1004, SiloStatus.Dead, Started);
        votedRecently.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 1001, 1), cutoff.AddSeconds(1))];
        await InsertAsync(table, votedRecently);
        Assert.True(await table.UpdateRowAsync(votedRecently, "4", (await table.ReadAllAsync()).Version.Next()));

        await table.CleanupDefunctSiloEntriesAsync(cutoff);

        Assert.Equal(["1001", "1003", "1004"], await ReadStringsAsync(connectionString, "SELECT Port::text FROM OrleansMembershipTable ORDER BY Port"));
        var staleRowDeleted = await ExecuteAsync(connectionString, OrleansClusteringSchema.Part.Queries[OrleansClusteringSchema.CleanupDefunctSiloEntryKey], command =>
        {
            AddSilo(command, 1003);
            command.Parameters.AddWithValue("StartTime", Started);
            command.Parameters.AddWithValue("IAmAliveTime", Started);
            command.Parameters.AddWithValue("SuspectTimes", DBNull.Value);
        });
        Assert.Equal(0, staleRowDeleted);
        var bulkDeleted = await ExecuteAsync(connectionString, OrleansClusteringSchema.Part.Queries[OrleansClusteringSchema.CleanupDefunctSiloEntriesKey], command =>
        {
            command.Parameters.AddWithValue("DeploymentId", AdoNetClusterHosts.ClusterId);
            command.Parameters.AddWithValue("IAmAliveTime", cutoff.AddMinutes(2));
        });
        Assert.Equal(2, bulkDeleted);
        Assert.Equal(["1001"], await ReadStringsAsync(connectionString, "SELECT Port::text FROM OrleansMembershipTable"));

        await table.DeleteMembershipTableEntriesAsync(AdoNetClusterHosts.ClusterId);

        Assert.Equal(["0", "0"], await ReadStringsAsync(connectionString,
            "SELECT count(*)::text FROM OrleansMembershipTable UNION ALL SELECT count(*)::text FROM OrleansMembershipVersionTable"));
    }

    [Fact]
    public async Task Two_silos_and_a_client_form_a_cluster_and_a_gracefully_stopped_silo_is_dead_in_the_table()
    {
        var connectionString = await CreateSchemaDatabaseAsync("orleans_cluster_two_silos");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        using var siloA = await AdoNetClusterHosts.StartSiloAsync(connectionString, withReminders: false, deadline.Token);
        using var siloB = await AdoNetClusterHosts.StartSiloAsync(connectionString, withReminders: false, deadline.Token);
        using var clientHost = await AdoNetClusterHosts.StartClientAsync(connectionString, deadline.Token);
        var client = clientHost.Services.GetRequiredService<IClusterClient>();
        var (a, b) = (AdoNetClusterHosts.SiloAddressOf(siloA), AdoNetClusterHosts.SiloAddressOf(siloB));
        var management = client.GetGrain<IManagementGrain>(0);

        var before = await management.GetHosts(onlyActive: true).WaitAsync(deadline.Token);
        var answeredBy = await AskProbesAsync(client, deadline.Token);

        Assert.Equal(new Dictionary<SiloAddress, SiloStatus> { [a] = SiloStatus.Active, [b] = SiloStatus.Active }, before);
        Assert.Equal(new[] { a.ToString(), b.ToString() }.Order(StringComparer.Ordinal), answeredBy.Distinct().Order(StringComparer.Ordinal));

        await siloB.StopAsync(deadline.Token);
        await WaitUntilDeadAsync(siloA, b, deadline.Token);

        Assert.Equal(
            new[] { $"{a.Endpoint.Port}:{(int)SiloStatus.Active}", $"{b.Endpoint.Port}:{(int)SiloStatus.Dead}" }.Order(StringComparer.Ordinal),
            (await ReadStringsAsync(connectionString, "SELECT Port || ':' || Status FROM OrleansMembershipTable")).Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<SiloAddress, SiloStatus> { [a] = SiloStatus.Active }, await management.GetHosts(onlyActive: true).WaitAsync(deadline.Token));
        Assert.All(await AskProbesAsync(client, deadline.Token), silo => Assert.Equal(a.ToString(), silo));
        await siloA.StopAsync(deadline.Token);
        await clientHost.StopAsync(deadline.Token);
    }

    /// <summary>Asks 20 randomly placed probe grains where they live.</summary>
    private static async Task<string[]> AskProbesAsync(IClusterClient client, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.GetGrain<IClusterProbeGrain>(i).GetSiloAsync().WaitAsync(cancellationToken)));

    /// <summary>Returns once <paramref name="silo"/>'s view of the cluster has <paramref name="stopped"/> as Dead.</summary>
    private static async Task WaitUntilDeadAsync(IHost silo, SiloAddress stopped, CancellationToken cancellationToken)
    {
        var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
        {
            if (snapshot.GetSiloStatus(stopped) == SiloStatus.Dead)
            {
                return;
            }
        }
    }

    private static string[] RequiredQueryKeys(Type provider, string storedQueriesType) =>
        provider.Assembly.GetType(storedQueriesType, throwOnError: true)!
            .GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
            .Select(property => property.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static AdoNetClusteringTable CreateMembershipTable(string connectionString) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = AdoNetClusterHosts.ClusterId, ServiceId = AdoNetClusterHosts.ServiceId }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = connectionString }),
        NullLogger<AdoNetClusteringTable>.Instance);

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime iAmAliveTime) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        SiloName = $"silo-{port}",
        HostName = "test-host",
        Status = status,
        ProxyPort = port + 1,
        StartTime = Started,
        IAmAliveTime = iAmAliveTime,
    };

    private static string Describe(MembershipEntry entry) =>
        $"{entry.SiloAddress} {entry.SiloName} {entry.HostName} {entry.Status} {entry.ProxyPort} {entry.StartTime:O} {entry.IAmAliveTime:O} "
        // The provider parses suspicion times back without a DateTimeKind, so compare them without one.
        + string.Join("|", (entry.SuspectTimes ?? []).Select(s => $"{s.Item1}@{s.Item2:yyyy-MM-ddTHH:mm:ss.fffffff}"));

    private static async Task InsertAsync(AdoNetClusteringTable table, MembershipEntry entry)
    {
        var current = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(entry, current.Version.Next()));
    }

    private static void AddSilo(NpgsqlCommand command, int port)
    {
        command.Parameters.AddWithValue("DeploymentId", AdoNetClusterHosts.ClusterId);
        command.Parameters.AddWithValue("Address", IPAddress.Loopback.ToString());
        command.Parameters.AddWithValue("Port", port);
        command.Parameters.AddWithValue("Generation", 1);
    }

    private async Task<string> CreateSchemaDatabaseAsync(string name)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync(name);
        await PostgresSchema.ApplyAsync(connectionString, ClusteringParts, CancellationToken.None);
        await PostgresSchema.ApplyAsync(connectionString, ClusteringParts, CancellationToken.None);
        return connectionString;
    }

    private static async Task<int> ExecuteAsync(string connectionString, string sql, Action<NpgsqlCommand> bind)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ReadStringsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
