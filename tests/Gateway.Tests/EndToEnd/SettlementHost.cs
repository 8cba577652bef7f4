using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Medisettle.Gateway.Admin;
using Medisettle.Grains.Demo;
using Medisettle.Grains.Hosting;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime.Messaging;
using Orleans.TestingHost;

namespace Medisettle.Gateway.Tests.EndToEnd;

/// <summary>
/// The gateway behind a TestServer in front of an Orleans test cluster (settlement grains on SQLite in a temp
/// directory), with a small deterministic demo (200 persons, 20 institutions) and a fake settlement clock at
/// 2025-03-01 10:00 +08:00, on <see cref="SiloCount"/> silos sharing one database, so persons, institutions and funds
/// live on different silos and a policy pack activated through one reaches all.
/// The demo institutions get random secrets (<see cref="Credentials"/>), protected at rest with a key ring in the
/// temp directory that every silo and gateway of the host shares, as every process of a cluster must.
/// Each request is signed with the institution's demo secret and moves the clock on by one second.
/// </summary>
public sealed class SettlementHost : IAsyncLifetime
{
    public const string AdminToken = "e2e-admin-token-0123456789abcdef0123456789";
    public const int DemoPersons = 200;
    public const int DemoInstitutions = 20;
    public const int SiloCount = 2;

    /// <summary>Demo pharmacies (institution indexes 0 and 1).</summary>
    public static readonly string Pharmacy = DemoData.InstitutionCode(0);
    public static readonly string OtherPharmacy = DemoData.InstitutionCode(1);

    /// <summary>Demo tier-3 hospital (index 8) and tier-2 hospital (index 9).</summary>
    public static readonly string Hospital = DemoData.InstitutionCode(8);
    public static readonly string OtherHospital = DemoData.InstitutionCode(9);

    private const int ProbesInARow = 16;
    private static readonly TimeSpan ReachableWithin = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"medisettle-e2e-{Guid.NewGuid():N}");
    private readonly List<WebApplication> _gateways = [];
    private int _sequence;
    private int _persons;
    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero));

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The first silo's services (ledger queries, auditor, policy catalog).</summary>
    public IServiceProvider Services => _cluster!.GetSiloServiceProvider(_cluster.Silos[0].SiloAddress);

    public IGrainFactory Grains => _cluster!.Client;

    /// <summary>The demo institutions' secrets, random for this host.</summary>
    public DemoCredentials Credentials { get; private set; } = null!;

    /// <summary>The SQLite database every silo shares.</summary>
    public string DatabasePath => Path.Combine(_directory, "silo.db");

    private string KeysDirectory => Path.Combine(_directory, "keys");

    public async Task InitializeAsync()
    {
        var clusterBuilder = new InProcessTestClusterBuilder(SiloCount);
        clusterBuilder.ConfigureSilo((_, silo) =>
        {
            // Random, not Orleans' load-based default, so persons, funds and institutions spread over the silos.
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            silo.Services.AddKeyedSingleton<TimeProvider>(SettlementClock.ServiceKey, Clock);
            silo.Services.AddCredentialProtection(KeysDirectory);
            silo.AddSqliteGroupCommitStorageAsDefault(o =>
            {
                o.DatabasePath = DatabasePath;
                o.Synchronous = SqliteSynchronousMode.Normal;
            });
            silo.AddSettlementGrains(o => o.DispatchInBackground = false);
            silo.AddActivityPropagation();
        });
        clusterBuilder.ConfigureClient(client => client.AddActivityPropagation());
        _cluster = clusterBuilder.Build();
        await _cluster.DeployAsync();

        Client = await AddGatewayAsync();
        Credentials = await new DemoSeeder(Grains).SeedAsync(DemoPersons, DemoInstitutions);
    }

    /// <summary>
    /// Starts another gateway (its own TestServer, caches and replay fast path) on the same cluster, as a second
    /// gateway process would be, and returns its client; <paramref name="services"/> adds to its services (telemetry).
    /// </summary>
    public async Task<HttpClient> AddGatewayAsync(Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddKeyedSingleton<TimeProvider>(SettlementClock.ServiceKey, Clock);
        builder.Services.AddKeyedSingleton<TimeProvider>(SigningClock.ServiceKey, Clock);
        builder.Services.AddSingleton<IGrainFactory>(_cluster!.Client);
        builder.Services.AddCredentialProtection(KeysDirectory);
        builder.Services.AddGateway(o => o.AdminToken = AdminToken);
        builder.Services.AddSettlementTransactions();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGateway();
        app.MapAdminApi();
        await app.StartAsync();
        _gateways.Add(app);
        return app.GetTestClient();
    }

    /// <summary>
    /// A clean restart of everything: stops every gateway, restarts every silo (state flushed, activations gone),
    /// waits until the client reaches the new silos, and starts a fresh gateway as <see cref="Client"/>.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopGatewaysAsync();
        foreach (var silo in _cluster!.Silos.ToList())
        {
            await _cluster.RestartSiloAsync(silo);
        }

        var deadline = DateTime.UtcNow + ReachableWithin;
        var reached = 0;
        for (var probe = 0; reached < ProbesInARow; probe++)
        {
            try
            {
                await Grains.GetGrain<IPersonGrain>($"probe-{probe}").GetSnapshotAsync();
                reached++;
            }
            catch (ConnectionFailedException) when (DateTime.UtcNow < deadline)
            {
                reached = 0;
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }

        Client = await AddGatewayAsync();
    }

    public async Task DisposeAsync()
    {
        await StopGatewaysAsync();

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp directory.
        }
    }

    private async Task StopGatewaysAsync()
    {
        Client?.Dispose();
        foreach (var app in _gateways)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _gateways.Clear();
    }

    /// <summary>Enrols a new person in region 990001 (no assistance, no add-on, paid long ago); returns the psn_no.</summary>
    public Task<string> EnrolAsync(Scheme scheme, PersonCategory category, decimal accountYuan = 0) =>
        EnrolAsync(NewPersonId(), scheme, category, accountYuan);

    /// <summary>A psn_no no person of this host has yet (<see cref="EnrolAsync(string, Scheme, PersonCategory, decimal)"/> enrols it).</summary>
    public string NewPersonId() => string.Create(CultureInfo.InvariantCulture, $"99000199{Interlocked.Increment(ref _persons):D6}");

    /// <summary>Enrols <paramref name="personId"/> in region 990001 (no assistance, no add-on, paid long ago).</summary>
    public async Task<string> EnrolAsync(string personId, Scheme scheme, PersonCategory category, decimal accountYuan = 0)
    {
        await Grains.GetGrain<IPersonGrain>(personId).EnrolAsync(new PersonEnrolment
        {
            Profile = new PersonProfile
            {
                PersonId = personId,
                Scheme = scheme,
                Category = category,
                InsuredRegion = "990001",
                EnrolmentDate = new DateOnly(2020, 1, 1),
                PaymentDate = new DateOnly(2020, 1, 1),
            },
            OpeningAccountBalance = Money.FromYuan(accountYuan),
        });
        return personId;
    }

    /// <summary>A fresh msgid in the platform's form: institution + yyyyMMddHHmmss + 4 digits (unique per host).</summary>
    public string NewMsgid(string institution) =>
        institution + string.Create(CultureInfo.InvariantCulture, $"20250301{Interlocked.Increment(ref _sequence):D6}{Random.Shared.Next(10_000):D4}");

    public static JsonObject Envelope(string infno, JsonNode input, string institution, string msgid, string? insuredRegion = "990001") => new()
    {
        ["infno"] = infno,
        ["msgid"] = msgid,
        ["mdtrtarea_admvs"] = "990001",
        ["insuplc_admdvs"] = insuredRegion,
        ["recer_sys_code"] = "FSI_LOCAL",
        ["infver"] = "V1.0",
        ["opter_type"] = "1",
        ["opter"] = "001",
        ["opter_name"] = "收费员",
        ["inf_time"] = "2025-03-01 10:00:00",
        ["fixmedins_code"] = institution,
        ["fixmedins_name"] = "demo",
        ["input"] = input,
    };

    /// <summary>Signs and sends a transaction; <paramref name="msgid"/> defaults to a fresh one.</summary>
    public Task<Answer> CallAsync(string infno, JsonNode input, string institution, string? msgid = null, string? insuredRegion = "990001", string? secret = null) =>
        SendAsync(Body(infno, input, institution, msgid ?? NewMsgid(institution), insuredRegion), institution, secret);

    /// <summary>The request body of a transaction (its <see cref="Envelope"/> as UTF-8 JSON), to send and send again.</summary>
    public static byte[] Body(string infno, JsonNode input, string institution, string msgid, string? insuredRegion = "990001") =>
        Encoding.UTF8.GetBytes(Envelope(infno, input, institution, msgid, insuredRegion).ToJsonString());

    /// <summary>Signs <paramref name="body"/> as <paramref name="institution"/> (demo secret unless given) and sends it.</summary>
    public async Task<Answer> SendAsync(byte[] body, string institution, string? secret = null, long? timestampMilliseconds = null, HttpClient? via = null)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var timestamp = timestampMilliseconds ?? Clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, GatewayOptions.TransactionPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(RequestSigner.InstitutionHeader, institution);
        request.Headers.Add(RequestSigner.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(RequestSigner.SignatureHeader, RequestSigner.Sign(secret ?? Credentials.SecretOf(institution), timestamp, institution, body));
        using var response = await (via ?? Client).SendAsync(request);
        return new Answer(response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>An admin request with the admin token (or <paramref name="token"/>).</summary>
    public async Task<Answer> AdminAsync(HttpMethod method, string path, string? json = null, string? token = AdminToken)
    {
        using var request = new HttpRequestMessage(method, "/admin/v1" + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }
}
