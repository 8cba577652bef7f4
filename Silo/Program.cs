using Medisettle.Silo.Hosting;

// Medisettle silo with the co-hosted gateway: `dotnet run --project Silo [--port 5080] [--data-dir data]
// [--storage sqlite|postgres --connection "..."] [--persons 100000 --institutions 500]`.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddMedisettleSilo();

var app = builder.Build();
app.MapMedisettle();

await app.StartAsync(); // the silo seeds the demo data (first start) before it reports started
app.AnnounceReady();
await app.WaitForShutdownAsync();
