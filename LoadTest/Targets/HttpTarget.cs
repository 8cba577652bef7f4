using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Medisettle.Interfaces.Platform;
using Medisettle.LoadTest.Acknowledgements;
using Medisettle.LoadTest.Recording;
using Medisettle.LoadTest.Workload;

namespace Medisettle.LoadTest.Targets;

/// <summary>
/// A running gateway over HTTP (loopback only). Each swipe is the platform's sequence of signed transactions:
/// pharmacy 2102; outpatient 2201 register → 2204 fee upload → 2206 pre-settle → 2207 settle; inpatient 2401
/// admission → 2301 fee upload → 2304 settle; cancel 2208; a retry re-sends the settle body with the same msgid
/// (signed afresh with a timestamp later than every earlier send of that body, see <see cref="SignedBody"/>, as the
/// replay cache requires) and expects the same setl_id.
/// </summary>
public sealed partial class HttpTarget : ISwipeTarget
{
    private readonly HttpClient _client;
    private readonly AcknowledgementLog? _acknowledgements;
    private readonly RequestRecording? _recording;
    private readonly HttpOptions _options;
    private readonly TimeProvider _time;
    private HttpClient? _metricsClient;
    private long _unavailableRetries;

    public HttpTarget(HttpOptions options, TimeProvider time)
        : this(options, time, Handler(options))
    {
        // Its own connection: the swipes' pool can be full when the runner samples the silo.
        _metricsClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseCookies = false })
        {
            BaseAddress = options.BaseAddress,
            Timeout = TimeSpan.FromSeconds(2),
        };
    }

    /// <summary>With <paramref name="handler"/> in place of the sockets (tests answer from memory).</summary>
    internal HttpTarget(HttpOptions options, TimeProvider time, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IsLoopback(options.BaseAddress))
        {
            throw new ArgumentException($"The load test only targets loopback; {options.BaseAddress} is not.", nameof(options));
        }

        _options = options;
        _time = time;
        _client = new HttpClient(handler) { BaseAddress = options.BaseAddress, Timeout = options.RequestTimeout };
        _acknowledgements = options.AcknowledgementsPath is { } path ? new AcknowledgementLog(path) : null;
        _recording = options.RecordingPath is { } recordTo ? new RequestRecording(recordTo) : null;
    }

    private static SocketsHttpHandler Handler(HttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.ConnectionsMax,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
    }

    /// <summary>
    /// Sends a 9998 "not answered now" answer made the target repeat (same msgid, after Retry-After) at most: about 20 s of
    /// a cluster failing over, more when each send waits out the gateway's grain-call timeout.
    /// </summary>
    public const int UnavailableRetriesMax = 20;

    /// <summary>Requests sent again because the gateway answered 9998 (a silo lost mid-call), so far.</summary>
    public long UnavailableRetries => Interlocked.Read(ref _unavailableRetries);

    public bool HostsSilo => false;

    /// <summary>The gateway's <c>/metrics</c> (its silo's when co-hosted); none when built on a test's handler.</summary>
    public (HttpClient Client, Uri Uri)? SiloMetrics => _metricsClient is { } client ? (client, new Uri("/metrics", UriKind.Relative)) : null;

    public Action? BusyRefused { get; set; }

    public string Description => $"gateway {_options.BaseAddress} over HTTP/1.1 ({_options.ConnectionsMax} connections max)"
        + (_acknowledgements is null ? "" : $"; acknowledgements appended to {_acknowledgements.FilePath}")
        + (_recording is null ? "" : $"; requests and answers recorded to {_recording.FilePath}");

    public async Task<SwipeResult> ExecuteAsync(SwipePlan plan, AcknowledgedSettlement? prior, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        try
        {
            return (plan.Kind, prior) switch
            {
                (SwipeKind.Cancel, not null) => await CancelAsync(plan, prior, cancellationToken),
                (SwipeKind.Retry, not null) => await RetryAsync(prior, cancellationToken),
                _ => await SettleAsync(plan, cancellationToken),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SwipeResult(prior is null ? plan.FreshKind : plan.Kind, SwipeStatus.Error, exception.GetType().Name + ": " + exception.Message, null);
        }
    }

    private async Task<SwipeResult> SettleAsync(SwipePlan plan, CancellationToken cancellationToken)
    {
        var command = plan.Fresh;
        var kind = plan.FreshKind;
        var mdtrtId = command.Visit.VisitId;
        if (kind != SwipeKind.Pharmacy)
        {
            var (register, registered) = await SendAsync(HttpWire.RegisterBody(plan, command, PrefixedId(plan.SecondMessageId, 'R'), Now), command.InstitutionCode, cancellationToken);
            if (register.Infcode != 0)
            {
                return Failed(kind, register);
            }

            mdtrtId = HttpWire.VisitIdOf(registered, kind) ?? mdtrtId;
            if (kind == SwipeKind.Outpatient)
            {
                var (info, _) = await SendAsync(HttpWire.VisitInfoBody(plan, command, mdtrtId, PrefixedId(plan.SecondMessageId, 'I'), Now), command.InstitutionCode, cancellationToken);
                if (info.Infcode != 0)
                {
                    return Failed(kind, info);
                }
            }

            var (upload, _) = await SendAsync(HttpWire.UploadBody(plan, command, mdtrtId, PrefixedId(plan.SecondMessageId, 'U'), Now), command.InstitutionCode, cancellationToken);
            if (upload.Infcode != 0)
            {
                return Failed(kind, upload);
            }
        }

        if (kind == SwipeKind.Outpatient)
        {
            var (pre, _) = await SendAsync(HttpWire.SettleBody("2206", plan, command, mdtrtId, plan.SecondMessageId, Now), command.InstitutionCode, cancellationToken);
            if (pre.Infcode != 0)
            {
                return Failed(kind, pre);
            }
        }

        var infno = kind switch { SwipeKind.Pharmacy => "2102", SwipeKind.Outpatient => "2207", _ => "2304" };
        var body = new SignedBody(kind == SwipeKind.Pharmacy
            ? HttpWire.PharmacyBody(plan, command, Now)
            : HttpWire.SettleBody(infno, plan, command, mdtrtId, command.MessageId, Now));
        var (settle, output) = await SendAsync(body, command.InstitutionCode, cancellationToken);
        if (settle.Infcode != 0)
        {
            return Failed(kind, settle);
        }

        var setlId = HttpWire.SettlementIdOf(output) ?? throw new InvalidDataException("The settlement answer has no setlinfo.setl_id.");
        _acknowledgements?.Append(new AcknowledgementLine(command.MessageId, setlId, plan.PersonId, infno));
        return new SwipeResult(kind, SwipeStatus.Settled, null, new AcknowledgedSettlement(plan.PersonId, setlId, command, body, mdtrtId));
    }

    private async Task<SwipeResult> CancelAsync(SwipePlan plan, AcknowledgedSettlement prior, CancellationToken cancellationToken)
    {
        var body = HttpWire.CancelBody(prior, plan.CancelMessageId(prior.Command.InstitutionCode), Now);
        var (response, _) = await SendAsync(body, prior.Command.InstitutionCode, cancellationToken);
        return response.Infcode == 0 ? new SwipeResult(SwipeKind.Cancel, SwipeStatus.Cancelled, null, null) : Failed(SwipeKind.Cancel, response);
    }

    private async Task<SwipeResult> RetryAsync(AcknowledgedSettlement prior, CancellationToken cancellationToken)
    {
        var body = prior.Body ?? throw new InvalidOperationException("An HTTP retry needs the first request's body.");
        var (response, output) = await SendAsync(body, prior.Command.InstitutionCode, cancellationToken);
        return response.Infcode == 0 && HttpWire.SettlementIdOf(output) == prior.SettlementId
            ? new SwipeResult(SwipeKind.Retry, SwipeStatus.Replayed, null, null)
            : response.Infcode == Infcodes.Busy
            ? Failed(SwipeKind.Retry, response)
            : new SwipeResult(SwipeKind.Retry, SwipeStatus.Error, $"retry answered infcode {response.Infcode} {HttpWire.SettlementIdOf(output)}, not the first answer {prior.SettlementId}", null);
    }

    /// <summary>Sends a body that is sent once (helper transactions, cancels), signed now.</summary>
    private Task<(PlatformResponse Response, JsonElement? Output)> SendAsync(byte[] body, string institution, CancellationToken cancellationToken) =>
        SendAsync(new SignedBody(body), institution, cancellationToken);

    /// <summary>
    /// Sends a body, and sends it again with the same msgid, as a hospital system would, while the gateway answers 9998
    /// "not answered now, retry" (a silo lost mid-call), or 9997 "busy" to one of these resends: after Retry-After, at
    /// most <see cref="UnavailableRetriesMax"/> times. Each send is signed with a later timestamp than the one before.
    /// </summary>
    private async Task<(PlatformResponse Response, JsonElement? Output)> SendAsync(SignedBody body, string institution, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (response, output, retryAfter) = await SendOnceAsync(body.Bytes, institution, body.NextSigningTime(Now), cancellationToken);
            // A 9997 "busy" to a resend does not say the first send was not applied (its 9998 said it may have been):
            // the msgid must still get its answer, so it is sent again too. A 9997 to a first send is final: not processed.
            var retry = response.Infcode == Infcodes.Unavailable || (attempt > 0 && response.Infcode == Infcodes.Busy);
            if (!retry || attempt == UnavailableRetriesMax)
            {
                return (response, output);
            }

            Interlocked.Increment(ref _unavailableRetries);
            await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1), _time, cancellationToken);
        }
    }

    private async Task<(PlatformResponse Response, JsonElement? Output, TimeSpan? RetryAfter)> SendOnceAsync(
        byte[] body, string institution, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        PlatformResponse? answer = null;
        try
        {
            using var request = PlatformEnvelope.Signed(body, institution, _options.Credentials.SecretOf(institution), signedAt);
            using var response = await _client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                BusyRefused?.Invoke();
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            answer = JsonSerializer.Deserialize(bytes, PlatformJsonContext.Default.PlatformResponse)
                ?? throw new InvalidDataException($"HTTP {(int)response.StatusCode}: empty platform response.");
            return (answer, answer.Output, response.Headers.RetryAfter?.Delta);
        }
        finally
        {
            _recording?.Append(RecordedRequest.Of(body, answer is null ? null : new RecordedAnswer(answer.Infcode, answer.ErrMsg, answer.WarnMsg, answer.Output)));
        }
    }

    /// <summary>
    /// A gateway at its bound (9997) is a busy refusal; business refusals (infcode -1, 2002, 2003) are rejections;
    /// everything else (4xx/5xx infcodes) is an error.
    /// </summary>
    private static SwipeResult Failed(SwipeKind kind, PlatformResponse response) =>
        response.Infcode == Infcodes.Busy
            ? new SwipeResult(kind, SwipeStatus.Busy, "infcode 9997: gateway busy", null)
        : response.Infcode is -1 or Infcodes.UnknownPerson
            ? new SwipeResult(kind, SwipeStatus.Rejected, $"infcode {response.Infcode}: {Trim(response.ErrMsg)}", null)
            : new SwipeResult(kind, SwipeStatus.Error, $"infcode {response.Infcode}: {Trim(response.ErrMsg)}", null);

    private static string Trim(string? message) => message is null ? "" : message.Length > 120 ? message[..120] : message;

    /// <summary>A distinct msgid for a helper transaction (register, upload) derived from the swipe's second msgid.</summary>
    private static string PrefixedId(string messageId, char prefix) => string.Concat(messageId.AsSpan(0, messageId.Length - 5), prefix.ToString(), messageId.AsSpan(messageId.Length - 4));

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>The gateway's audit (<c>GET /admin/v1/audit</c>); unavailable when the endpoint or the token is missing.</summary>
    public async Task<RunAudit> AuditAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.AdminToken))
        {
            return new RunAudit { Passed = false, Available = false, Violations = ["no admin token given (--admin-token); the gateway audit was not run"] };
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/audit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AdminToken);
        using var response = await _client.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new RunAudit { Passed = false, Available = false, Violations = ["the gateway has no GET /admin/v1/audit endpoint yet"] };
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var violations = root.TryGetProperty("violations", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(v => v.GetString() ?? "").ToArray()
            : [];
        var passed = response.IsSuccessStatusCode && (root.TryGetProperty("passed", out var p) ? p.GetBoolean() : violations.Length == 0);
        return new RunAudit
        {
            Passed = passed,
            Settlements = root.TryGetProperty("settlements", out var s) ? s.GetInt64() : 0,
            Cancellations = root.TryGetProperty("cancellations", out var c) ? c.GetInt64() : 0,
            Postings = root.TryGetProperty("postings", out var n) ? n.GetInt64() : 0,
            PersonsChecked = root.TryGetProperty("personsChecked", out var persons) ? persons.GetInt64() : 0,
            CapsChecked = root.TryGetProperty("annualCapsChecked", out var caps) ? caps.GetInt64() : 0,
            Violations = response.IsSuccessStatusCode ? violations : [$"HTTP {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}"],
        };
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _metricsClient?.Dispose();
        _metricsClient = null;
        _acknowledgements?.Dispose();
        _recording?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));

    internal static string Yuan(Interfaces.Money amount) => amount.ToYuan().ToString("0.00", CultureInfo.InvariantCulture);
}
