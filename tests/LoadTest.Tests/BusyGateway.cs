using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Medisettle.Interfaces.Platform;

namespace Medisettle.LoadTest.Tests;

/// <summary>
/// A gateway answered from memory: the first <c>busyAnswers</c> sends of each msgid get HTTP 503 with infcode
/// <c>busyInfcode</c> (from the second send on <c>laterBusyInfcode</c>, when given) and Retry-After 0; later sends get infcode 0 with a setl_id derived from the msgid (so a retry of
/// a settlement gets the first answer). Counts what it answered.
/// </summary>
internal sealed class BusyGateway(int busyAnswers, int busyInfcode, int? laterBusyInfcode = null) : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, int> _sends = new(StringComparer.Ordinal);
    private long _busyAnswered;

    /// <summary>503 answers given so far.</summary>
    public long BusyAnswered => Interlocked.Read(ref _busyAnswered);

    /// <summary>Distinct msgids received so far.</summary>
    public int Messages => _sends.Count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var msgid = JsonSerializer.Deserialize(body, PlatformJsonContext.Default.PlatformRequest)!.Msgid;
        var send = _sends.AddOrUpdate(msgid, 1, (_, n) => n + 1);
        var busy = send <= busyAnswers;
        if (busy)
        {
            Interlocked.Increment(ref _busyAnswered);
        }

        var answer = new PlatformResponse
        {
            Infcode = !busy ? 0 : send > 1 && laterBusyInfcode is { } later ? later : busyInfcode,
            InfRefmsgid = "fake-" + msgid,
            RefmsgTime = "2026-03-02 09:00:00.000",
            RespondTime = "2026-03-02 09:00:00.000",
            ErrMsg = busy ? "busy, retry later" : null,
            Output = busy ? null : JsonSerializer.SerializeToElement(new Dictionary<string, Dictionary<string, string>> { ["setlinfo"] = new() { ["setl_id"] = "S" + msgid } }),
        };
        var response = new HttpResponseMessage(busy ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(answer, PlatformJsonContext.Default.PlatformResponse)),
        };
        if (busy)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
        }

        return response;
    }
}
