using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Medisettle.LoadTest.Acknowledgements;

/// <summary>
/// Checks an acks file against the running service through the read-only admin query
/// <c>GET /admin/v1/persons/{psn_no}</c>, which lists the person's settlements from the journal with the msgid that
/// settled each: every acknowledged msgid must be there exactly once, with the acknowledged setl_id. (Re-sending the
/// settle request would also answer by msgid, but it needs the whole body and would settle anew a msgid the service
/// lost, so verifying would repair what it should report.) One query per person, at most
/// <see cref="QueriesInFlightMax"/> at once.
/// </summary>
public sealed class AcknowledgementVerifier(HttpClient client, string adminToken)
{
    public const int QueriesInFlightMax = 8;

    public async Task<VerificationReport> VerifyAsync(AcknowledgementFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new ConcurrentQueue<(long Order, string Text)>();
        long ok = 0, missing = 0, mismatched = 0;
        var byPerson = file.Lines.Select((line, i) => (Line: line, Order: (long)i)).GroupBy(x => x.Line.PersonId, StringComparer.Ordinal);
        await Parallel.ForEachAsync(byPerson, new ParallelOptions { MaxDegreeOfParallelism = QueriesInFlightMax, CancellationToken = cancellationToken }, async (person, token) =>
        {
            var settled = await SettlementsByMessageAsync(person.Key, token);
            foreach (var (line, order) in person)
            {
                var ids = settled.TryGetValue(line.MessageId, out var list) ? list : [];
                if (ids.Count == 0)
                {
                    Interlocked.Increment(ref missing);
                    problems.Enqueue((order, $"missing: msgid {line.MessageId} (psn_no {line.PersonId}) has no settlement; acknowledged setl_id {line.SettlementId}"));
                }
                else if (ids.Count > 1 || ids[0] != line.SettlementId)
                {
                    Interlocked.Increment(ref mismatched);
                    problems.Enqueue((order, $"mismatched: msgid {line.MessageId} (psn_no {line.PersonId}) settled as {string.Join(", ", ids)}; acknowledged setl_id {line.SettlementId}"));
                }
                else
                {
                    Interlocked.Increment(ref ok);
                }
            }
        });
        var listed = file.MalformedLineNumbers.Select(n => (Order: (long)-1, Text: $"malformed: line {n} is not msgid<TAB>setl_id<TAB>psn_no<TAB>infno"))
            .Concat(problems.OrderBy(p => p.Order));
        return new VerificationReport
        {
            Checked = file.Lines.Count,
            Ok = ok,
            Missing = missing,
            Mismatched = mismatched,
            Malformed = file.MalformedLineNumbers.Count,
            IncompleteLastLine = file.IncompleteLastLine,
            Problems = [.. listed.Take(VerificationReport.ProblemsListedMax).Select(p => p.Text)],
        };
    }

    /// <summary>msgid → setl_ids of the person's settlements (empty when the person is unknown).</summary>
    private async Task<Dictionary<string, List<string>>> SettlementsByMessageAsync(string personId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/persons/" + Uri.EscapeDataString(personId));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await client.SendAsync(request, cancellationToken);
        var byMessage = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return byMessage;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {request.RequestUri} answered HTTP {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
        }

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.TryGetProperty("settlementsTruncated", out var truncated) && truncated.GetBoolean())
        {
            throw new InvalidDataException($"person {personId} has more journal entries than the admin API lists; cannot verify their settlements.");
        }

        foreach (var settlement in root.GetProperty("settlements").EnumerateArray())
        {
            var messageId = settlement.GetProperty("messageId").GetString() ?? "";
            if (!byMessage.TryGetValue(messageId, out var ids))
            {
                byMessage[messageId] = ids = [];
            }

            ids.Add(settlement.GetProperty("settlementId").GetString() ?? "");
        }

        return byMessage;
    }
}
