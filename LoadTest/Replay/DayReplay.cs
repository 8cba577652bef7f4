using System.Globalization;
using System.Text.Json;
using Medisettle.Interfaces.Platform;
using Medisettle.LoadTest.Recording;
using Medisettle.LoadTest.Targets;

namespace Medisettle.LoadTest.Replay;

/// <summary>
/// Sends a recording's requests, in file order and one at a time, through a <see cref="ScratchSilo"/>'s gateway over
/// loopback HTTP (signature check, envelope, handler, grains, storage: the whole transaction path), with the settlement
/// clock set to each request's <c>inf_time</c> first. Each request is signed afresh with the scratch host's demo secret
/// of its institution (the recorded signature was made with another data directory's secret and has expired).
/// </summary>
public static class DayReplay
{
    private static readonly HashSet<string> Settlements = new(StringComparer.Ordinal) { "2102", "2207", "2304" };
    private static readonly HashSet<string> Cancels = new(StringComparer.Ordinal) { "2103", "2208", "2305" };
    private static readonly string[] FundFields = ["hifp_pay", "hifmi_pay", "hifob_pay", "maf_pay", "oth_pay", "fund_pay_sumamt", "acct_pay", "psn_cash_pay"];

    /// <summary>Replays <paramref name="requests"/> on <paramref name="silo"/>; when <paramref name="replayed"/> is given, every request is appended to it with its replayed answer (ids shown as recorded).</summary>
    public static async Task<ReplayRunSummary> RunAsync(
        IReadOnlyList<RecordedRequest> requests, ScratchSilo silo, string? candidatePackId, RequestRecording? replayed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(silo);
        using var client = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var ids = new ReplayIds();
        var byInfno = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        var infcodes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var fen = FundFields.ToDictionary(f => f, _ => 0L, StringComparer.Ordinal);
        var paidMessages = new HashSet<(string, string)>();
        var samples = new List<string>();
        long clockHeld = 0, compared = 0, mismatches = 0, lastSignedAt = 0;
        foreach (var request in requests)
        {
            if (request.InfTime > silo.Clock.GetUtcNow())
            {
                silo.Clock.SetUtcNow(request.InfTime);
            }
            else if (request.InfTime < silo.Clock.GetUtcNow())
            {
                clockHeld++;
            }

            lastSignedAt = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), lastSignedAt + 1);
            var response = await SendAsync(client, ids.RequestBody(request.Envelope), request.Institution, silo, DateTimeOffset.FromUnixTimeMilliseconds(lastSignedAt), cancellationToken);
            ids.Pair(request.Answer?.Output, response.Output, request.LineNumber);
            var output = ids.Output(response.Output);
            var answer = new RecordedAnswer(response.Infcode, ids.Message(response.ErrMsg), ids.Message(response.WarnMsg),
                output is null ? null : JsonSerializer.SerializeToElement(output));
            replayed?.Append(request with { Answer = answer });
            Count(byInfno, infcodes, request.Infno, answer.Infcode);
            if (answer.Infcode == 0 && (Settlements.Contains(request.Infno) || Cancels.Contains(request.Infno)) && paidMessages.Add((request.Institution, request.Msgid)))
            {
                AddPaid(fen, answer.Output);
            }

            if (request.Answer is { } recorded)
            {
                compared++;
                if (AnswerComparison.FirstDifference(recorded, answer) is { } difference)
                {
                    mismatches++;
                    if (samples.Count < ReplayReport.SamplesMax)
                    {
                        samples.Add($"line {request.LineNumber} msgid {request.Msgid} ({request.Infno}): {difference}");
                    }
                }
            }
        }

        return new ReplayRunSummary
        {
            CandidatePackId = candidatePackId,
            Requests = requests.Count,
            InfcodesByInfno = byInfno,
            Infcodes = infcodes,
            FundsPaidYuan = new SortedDictionary<string, decimal>(fen.ToDictionary(p => p.Key, p => p.Value / 100m), StringComparer.Ordinal),
            FirstDate = DateOnly.FromDateTime(requests[0].InfTime.DateTime),
            LastDate = DateOnly.FromDateTime(silo.Clock.GetUtcNow().ToOffset(RecordedRequest.WireOffset).DateTime),
            ClockHeld = clockHeld,
            AnswersCompared = compared,
            Mismatches = mismatches,
            MismatchSamples = samples,
        };
    }

    private static async Task<PlatformResponse> SendAsync(HttpClient client, byte[] body, string institution, ScratchSilo silo, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        using var request = PlatformEnvelope.Signed(body, institution, silo.Credentials.SecretOf(institution), signedAt);
        using var response = await client.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return JsonSerializer.Deserialize(bytes, PlatformJsonContext.Default.PlatformResponse)
            ?? throw new InvalidDataException($"HTTP {(int)response.StatusCode}: empty platform response.");
    }

    private static void Count(SortedDictionary<string, SortedDictionary<string, long>> byInfno, SortedDictionary<string, long> infcodes, string infno, int infcode)
    {
        var code = infcode.ToString(CultureInfo.InvariantCulture);
        if (!byInfno.TryGetValue(infno, out var counts))
        {
            byInfno[infno] = counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        }

        counts[code] = counts.GetValueOrDefault(code) + 1;
        infcodes[code] = infcodes.GetValueOrDefault(code) + 1;
    }

    /// <summary>Adds an answer's <c>setlinfo</c> amounts (yuan with two decimals on the wire) in fen.</summary>
    private static void AddPaid(Dictionary<string, long> fen, JsonElement? output)
    {
        if (output is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty("setlinfo", out var info))
        {
            return;
        }

        foreach (var field in FundFields)
        {
            if (info.TryGetProperty(field, out var amount) && amount.ValueKind == JsonValueKind.Number)
            {
                fen[field] = checked(fen[field] + (long)(amount.GetDecimal() * 100m));
            }
        }
    }
}
