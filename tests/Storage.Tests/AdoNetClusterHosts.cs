using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Medisettle.Storage.Tests;

/// <summary>
/// Silos and clients in the test process that find each other through Orleans' ADO.NET clustering on PostgreSQL, each in
/// its own <see cref="IHost"/> on free loopback ports.
/// </summary>
internal static class AdoNetClusterHosts
{
    public const string ClusterId = "medisettle-test";
    public const string ServiceId = "medisettle-test-service";

    /// <summary>Starts a silo; the returned host is running and its silo active.</summary>
    public static async Task<IHost> StartSiloAsync(string connectionString, bool withReminders, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(ConfigureCluster)
                .ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort())
                .Configure<ClusterMembershipOptions>(options =>
                {
                    // Small, so a cluster converges within seconds (see ORLEANS-NOTES.md, "tightened").
                    options.ProbeTimeout = TimeSpan.FromSeconds(1);
                    options.NumMissedProbesLimit = 2;
                    options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                    options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                })
                .UseAdoNetClustering(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = connectionString;
                });
            if (withReminders)
            {
                silo.UseAdoNetReminderService(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = connectionString;
                });
            }
        });
        return await StartAsync(builder.Build(), cancellationToken);
    }

    /// <summary>Starts a client that finds its gateways in the membership table.</summary>
    public static async Task<IHost> StartClientAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(ConfigureCluster)
            .Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
            .UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            }));
        return await StartAsync(builder.Build(), cancellationToken);
    }

    public static SiloAddress SiloAddressOf(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    private static void ConfigureCluster(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    private static async Task<IHost> StartAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
