using System.Net;
using Medisettle.Storage.Schema;
using Npgsql;
using Orleans.Configuration;

namespace Medisettle.Silo.Hosting;

/// <summary>
/// How silos and stand-alone gateways find each other. With <c>--storage sqlite</c> a silo is alone (localhost
/// clustering). With <c>--storage postgres</c> it joins the cluster <c>--cluster-id</c> through Orleans' ADO.NET
/// clustering on the same database as the grain state, with failure detection tightened so a lost silo's grains
/// answer again within seconds (ORLEANS-NOTES.md, "Clustering and failure detection").
/// </summary>
public static class ClusterHosting
{
    /// <summary>Orleans' service id: the same for every cluster of this product (it names no storage of ours).</summary>
    public const string ServiceId = "medisettle";

    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// How long a stand-alone gateway waits for a grain call before answering 9998 "retry" (Orleans' default is 30 s).
    /// A call in flight through a silo that is killed is not failed by the client when the silo dies: it waits this
    /// long, so this bounds how long a hospital waits after a kill (measured: FailoverRecoveryTests). Calls that do more
    /// than one swipe's work carry <c>[ResponseTimeout(LongCall.Timeout)]</c>. The price: under overload a swipe slower
    /// than this is answered 9998 and retried with its msgid (answered once either way).
    /// </summary>
    public static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Creates or updates, idempotently, the tables and <c>OrleansQuery</c> rows Orleans' clustering and reminder
    /// providers read (our own SQL, <c>Storage/Schema</c>). Every silo and gateway runs it at start; an operator never
    /// applies SQL by hand. Nothing to do for SQLite.
    /// </summary>
    public static async Task EnsureSchemaAsync(SiloHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsCluster)
        {
            return;
        }

        try
        {
            await PostgresSchema.ApplyAsync(options.Connection!, [OrleansQueryTable.Part, OrleansClusteringSchema.Part, OrleansRemindersSchema.Part], cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            throw new SiloStartupException($"--connection: the cluster database cannot be set up: {e.Message}", e);
        }
    }

    /// <summary>Localhost clustering for a lone silo, or the ADO.NET cluster on PostgreSQL; silo and gateway ports on loopback.</summary>
    public static ISiloBuilder UseMedisettleClustering(this ISiloBuilder silo, SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsCluster)
        {
            return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
        }

        return silo
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = ServiceId;
            })
            .ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort)
            .Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                membership.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
            })
            .UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = Invariant;
                clustering.ConnectionString = options.Connection;
            });
    }

    /// <summary>A stand-alone gateway's Orleans client: gateways from the membership table, refreshed every second.</summary>
    public static IClientBuilder UseMedisettleCluster(this IClientBuilder client, SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        return client
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = ServiceId;
            })
            .Configure<GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
            .Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = ClientResponseTimeout)
            .UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = Invariant;
                clustering.ConnectionString = options.Connection;
            });
    }
}
