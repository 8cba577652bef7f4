using Medisettle.Silo.Hosting;
using Microsoft.AspNetCore.Connections;

// Medisettle silo with the co-hosted gateway: `dotnet run --project Silo [--port 5080] [--data-dir data]
// [--keys-dir DIR] [--storage sqlite|postgres --connection "..." --cluster-id medisettle] [--persons 100000 --institutions 500]`;
// a stand-alone gateway of a cluster: `dotnet run --project Silo -- gateway --port 5070 --storage postgres --connection "..."`;
// the fund jobs through a running silo's admin API: `dotnet run --project Silo -- jobs run daily-close --period 2026-03-02`.
if (args is [JobsCommand.Verb, ..])
{
    return await JobsCommand.RunAsync(args[1..]);
}

var gatewayOnly = args is [StandaloneGateway.Verb, ..];
WebApplication? app = null;
try
{
    var builder = SiloWebApplication.CreateBuilder(gatewayOnly ? args[1..] : args);
    var options = gatewayOnly ? builder.AddMedisettleGateway() : builder.AddMedisettleSilo();
    LoopbackPorts.EnsureFree(options, gatewayOnly);
    await ClusterHosting.EnsureSchemaAsync(options, CancellationToken.None);

    app = builder.Build();
    app.MapMedisettle();

    await app.StartAsync(); // the silo seeds the demo data (first start) before it reports started
    app.AnnounceReady();
    await app.WaitForShutdownAsync();
    return 0;
}
catch (Exception e) when (e is SiloStartupException || e.InnerException is AddressInUseException)
{
    // A failure the user can fix (bad option, unusable data directory, port taken): one line, no stack trace.
    await Console.Error.WriteLineAsync((gatewayOnly ? "medisettle gateway: " : "medisettle silo: ") + e.Message);
    if (app is not null)
    {
        await app.DisposeAsync();
    }

    return 1;
}
