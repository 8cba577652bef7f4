using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces;
using Xunit;
using Xunit.Abstractions;

namespace Medisettle.Silo.Tests;

/// <summary>
/// The silo process is killed (SIGKILL) in the middle of a stream of pharmacy settlements and restarted on the same
/// data. Every acknowledged settlement must be there exactly once, nothing may be half-applied, and once the journal
/// consumers catch up every invariant must hold.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Persons = 300;
    private const int Institutions = 20;
    private const int AcknowledgedBeforeKill = 150;
    private const int InFlightMax = 8;
    private const int MessagesMax = 2_000;

    [Fact]
    public async Task Hard_kill_mid_stream_loses_no_acknowledged_settlement_and_applies_none_twice()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"medisettle-crash-{Guid.NewGuid():N}");
        try
        {
            var plan = Plan();
            var acknowledged = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var sent = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            await using (var silo = await SiloProcess.StartAsync(dataDirectory, SiloProcess.FreePort(), Persons, Institutions))
            {
                using var http = new HttpClient { BaseAddress = silo.BaseAddress };
                await StreamUntilKilledAsync(silo, PlatformClient.ForSilo(http, dataDirectory), plan, sent, acknowledged);
            }

            output.WriteLine($"sent {sent.Count}, acknowledged {acknowledged.Count} before the kill");
            Assert.True(acknowledged.Count >= AcknowledgedBeforeKill, $"only {acknowledged.Count} acknowledged");
            Assert.True(sent.Count > acknowledged.Count, "the kill should interrupt requests in flight");

            await using var restarted = await SiloProcess.StartAsync(dataDirectory, SiloProcess.FreePort(), Persons, Institutions);
            using var client = new HttpClient { BaseAddress = restarted.BaseAddress };
            var platform = PlatformClient.ForSilo(client, dataDirectory);
            var final = await RetryEverythingAsync(platform, plan.Where(p => sent.ContainsKey(p.MessageId)).ToArray());

            // Every acknowledged message answers with its original settlement: present, and not applied again.
            foreach (var (msgid, settlementId) in acknowledged)
            {
                Assert.Equal(settlementId, final[msgid].SettlementId);
            }

            // Each message now has exactly one settlement, and the ledger has no other.
            Assert.Equal(final.Count, final.Values.Select(v => v.SettlementId).Distinct(StringComparer.Ordinal).Count());
            var audit = await AdminGetAsync(client, "/admin/v1/audit");
            output.WriteLine(audit.GetRawText());
            Assert.True(audit.GetProperty("passed").GetBoolean(), audit.GetRawText());
            Assert.Equal(final.Count, audit.GetProperty("settlements").GetInt32());
            Assert.Equal(0, audit.GetProperty("cancellations").GetInt32());

            // Personal accounts: opening balance minus what the surviving settlements took, to the fen.
            foreach (var person in plan.Where(p => sent.ContainsKey(p.MessageId)).Select(p => p.PersonIndex).Distinct())
            {
                var taken = final.Where(f => f.Value.PersonIndex == person).Sum(f => f.Value.AccountPaidFen);
                var view = await AdminGetAsync(client, $"/admin/v1/persons/{DemoData.PersonId(person)}");
                Assert.Equal(DemoData.Person(person).OpeningAccountBalance.Fen - taken, view.GetProperty("accountBalance").GetInt64());
            }
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>Sends the plan with a bounded number in flight and kills the silo once enough were acknowledged.</summary>
    private static async Task StreamUntilKilledAsync(
        SiloProcess silo, PlatformClient client, IReadOnlyList<Swipe> plan, ConcurrentDictionary<string, bool> sent, ConcurrentDictionary<string, string> acknowledged)
    {
        using var stop = new CancellationTokenSource();
        var next = -1;
        var killed = 0;
        var workers = Enumerable.Range(0, InFlightMax).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= plan.Count)
                {
                    return;
                }

                var swipe = plan[index];
                sent[swipe.MessageId] = true;
                try
                {
                    var response = await client.SendAsync("2102", swipe.Pharmacy, swipe.MessageId, PlatformClient.PharmacyInput(swipe.PersonId, swipe.Yuan));
                    Assert.Equal(0, response.GetProperty("infcode").GetInt32());
                    acknowledged[swipe.MessageId] = SettlementId(response);
                }
                catch (HttpRequestException)
                {
                    return; // the silo is gone
                }

                if (acknowledged.Count >= AcknowledgedBeforeKill && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    await silo.KillAsync();
                    await stop.CancelAsync();
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
    }

    private static async Task<Dictionary<string, Outcome>> RetryEverythingAsync(PlatformClient client, IReadOnlyList<Swipe> swipes)
    {
        var final = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        foreach (var swipe in swipes)
        {
            var response = await client.SendAsync("2102", swipe.Pharmacy, swipe.MessageId, PlatformClient.PharmacyInput(swipe.PersonId, swipe.Yuan));
            Assert.True(response.GetProperty("infcode").GetInt32() == 0, response.GetRawText());
            var setlinfo = response.GetProperty("output").GetProperty("setlinfo");
            final[swipe.MessageId] = new Outcome(swipe.PersonIndex, SettlementId(response), Money.FromYuan(setlinfo.GetProperty("acct_pay").GetDecimal()).Fen);
        }

        return final;
    }

    private static string SettlementId(JsonElement response) =>
        response.GetProperty("output").GetProperty("setlinfo").GetProperty("setl_id").GetString()!;

    private static async Task<JsonElement> AdminGetAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SiloProcess.AdminToken);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Pharmacy swipes of demo employees (personal account) at the demo pharmacies, deterministic.</summary>
    private static List<Swipe> Plan()
    {
        var employees = Enumerable.Range(0, Persons).Where(i => DemoData.Person(i).Profile is { Scheme: Interfaces.Settlement.Scheme.Employee, InsuredRegion: DemoData.DemoRegion }).ToArray();
        var pharmacies = Enumerable.Range(0, Institutions).Where(i => DemoData.InstitutionProfileAt(i).Kind == Interfaces.Settlement.InstitutionKind.Pharmacy && DemoData.InstitutionProfileAt(i).Region == DemoData.DemoRegion).ToArray();
        var random = new Random(20261122);
        var plan = new List<Swipe>(MessagesMax);
        for (var i = 0; i < MessagesMax; i++)
        {
            var person = employees[random.Next(employees.Length)];
            var pharmacy = DemoData.InstitutionCode(pharmacies[random.Next(pharmacies.Length)]);
            plan.Add(new Swipe(PlatformClient.MessageId(pharmacy, i), pharmacy, person, DemoData.PersonId(person), 10m + random.Next(0, 9_000) / 100m));
        }

        return plan;
    }

    private sealed record Swipe(string MessageId, string Pharmacy, int PersonIndex, string PersonId, decimal Yuan);

    private sealed record Outcome(int PersonIndex, string SettlementId, long AccountPaidFen);
}
