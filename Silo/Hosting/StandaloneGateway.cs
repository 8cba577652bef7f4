using Medisettle.Storage.Hosting;
using Orleans.Dashboard;

namespace Medisettle.Silo.Hosting;

/// <summary>
/// <c>gateway</c> mode of the program: the HTTP gateway alone, as an Orleans client of a cluster on PostgreSQL. It hosts
/// no grains; everything it needs (persons, visits, credentials, the replay window, sign-ins, policy packs, ledger
/// queries) is a grain call, so HTTP front ends scale apart from silos.
/// </summary>
public static class StandaloneGateway
{
    /// <summary>The first argument that selects this mode.</summary>
    public const string Verb = "gateway";

    /// <summary>
    /// Reads and validates the options (the silo's, of which a gateway uses the HTTP port, the cluster, the admin token
    /// and <c>--keys-dir</c>: the cluster's shared key ring, to read the institutions' protected secrets) and registers the gateway.
    /// </summary>
    public static SiloHostOptions AddMedisettleGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = SiloHostOptions.Read(builder.Configuration);
        var problems = options.Problems().ToList();
        if (!options.IsCluster)
        {
            problems.Add("a stand-alone gateway needs the cluster: --storage postgres --connection \"...\" (and the silos' --cluster-id).");
        }

        if (options.AdminToken is null)
        {
            problems.Add("a stand-alone gateway needs the cluster's admin token in MEDISETTLE_ADMIN_TOKEN (it keeps no data directory).");
        }

        if (problems.Count > 0)
        {
            throw new SiloStartupException("Invalid gateway options: " + string.Join(" ", problems));
        }

        PrivateFiles.RestrictProcessUmask();
        DataDirectory.Prepare("--keys-dir", options.KeysDirectory);
        builder.AddGatewayHost(options);
        builder.UseOrleansClient(client =>
        {
            client.UseMedisettleCluster(options).AddActivityPropagation();
            client.Services.AddStorageExceptionSerialization(); // a silo's storage failure reaches this gateway with its reason
            if (options.DashboardOn)
            {
                client.AddDashboard();
            }
        });
        return options;
    }
}
