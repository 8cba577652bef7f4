using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Medisettle.Gateway.Security;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Medisettle.Gateway.Tests;

/// <summary>An in-process gateway (TestServer) with two institutions, a manual clock and signing helpers.</summary>
public sealed class TestGateway : IAsyncDisposable
{
    public const string InstitutionA = "H11010100001";
    public const string SecretA = "secret-of-hospital-a-0123456789";
    public const string InstitutionB = "H11010100002";
    public const string SecretB = "secret-of-hospital-b-0123456789";
    public const string AdminToken = "admin-token-0123456789abcdef0123456789";

    /// <summary>2025-03-01 10:00:00 in China (+08:00).</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private TestGateway(WebApplication app, FakeTimeProvider clock)
    {
        App = app;
        Clock = clock;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client { get; }

    public static async Task<TestGateway> StartAsync(Action<GatewayOptions>? configure = null, Action<IServiceCollection>? services = null, Action<WebApplication>? map = null)
    {
        var clock = new FakeTimeProvider(Start);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddGateway(options =>
        {
            options.AdminToken = AdminToken;
            configure?.Invoke(options);
        });
        builder.Services.AddKeyedSingleton<TimeProvider>(SettlementClock.ServiceKey, clock);
        builder.Services.AddKeyedSingleton<TimeProvider>(SigningClock.ServiceKey, clock);
        builder.Services.AddSingleton<IInstitutionCredentialStore>(new InMemoryInstitutionCredentialStore(
            [new InstitutionCredential(InstitutionA, SecretA), new InstitutionCredential(InstitutionB, SecretB)]));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGateway();
        map?.Invoke(app);
        await app.StartAsync();
        return new TestGateway(app, clock);
    }

    public static JsonObject Envelope(string infno, JsonNode input, string fixmedinsCode = InstitutionA, string msgid = "H110101000012025030110000001") => new()
    {
        ["infno"] = infno,
        ["msgid"] = msgid,
        ["mdtrtarea_admvs"] = "990001",
        ["insuplc_admdvs"] = "990001",
        ["recer_sys_code"] = "FSI_LOCAL",
        ["dev_no"] = null,
        ["dev_safe_info"] = null,
        ["cainfo"] = null,
        ["signtype"] = null,
        ["infver"] = "V1.0",
        ["opter_type"] = "1",
        ["opter"] = "001",
        ["opter_name"] = "收费员",
        ["inf_time"] = "2025-03-01 10:00:00",
        ["fixmedins_code"] = fixmedinsCode,
        ["fixmedins_name"] = "示范医院",
        ["sign_no"] = null,
        ["input"] = input,
    };

    public static JsonObject SignInInput() => new()
    {
        ["signIn"] = new JsonObject { ["opter_no"] = "001", ["mac"] = "00-1A-2B-3C-4D-5E", ["ip"] = "10.0.0.8" },
    };

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public HttpRequestMessage Signed(byte[] body, string institution = InstitutionA, string secret = SecretA, DateTimeOffset? signedAt = null)
    {
        var timestamp = (signedAt ?? Clock.GetUtcNow()).ToUnixTimeMilliseconds();
        var request = new HttpRequestMessage(HttpMethod.Post, GatewayOptions.TransactionPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(RequestSigner.InstitutionHeader, institution);
        request.Headers.Add(RequestSigner.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(RequestSigner.SignatureHeader, RequestSigner.Sign(secret, timestamp, institution, body));
        return request;
    }

    public async Task<(HttpStatusCode Status, PlatformResponse Response)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await Client.SendAsync(request))
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            return (response.StatusCode, JsonSerializer.Deserialize(bytes, PlatformJsonContext.Default.PlatformResponse)!);
        }
    }

    public Task<(HttpStatusCode Status, PlatformResponse Response)> PostSignedAsync(byte[] body, string institution = InstitutionA, string secret = SecretA, DateTimeOffset? signedAt = null) =>
        SendAsync(Signed(body, institution, secret, signedAt));

    public Task<(HttpStatusCode Status, PlatformResponse Response)> PostSignedAsync(JsonNode envelope) => PostSignedAsync(Bytes(envelope));

    public T GetService<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
