using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Settlement;
using Xunit;
using Xunit.Abstractions;

namespace Medisettle.Silo.Tests;

/// <summary>
/// Issue 10's recovery figures, with real processes: 3 silos and a stand-alone gateway on PostgreSQL, and a probe that
/// swipes each of <see cref="ProbePersons"/> persons every <see cref="ProbeInterval"/> through the gateway. Silo 1 is
/// killed (SIGKILL) and silo 3 started in its place; once it runs, silo 2 is frozen (SIGSTOP) and later thawed. Printed, not asserted (timings are the machine's): when
/// the membership table said each was dead, and for each fault how long after it the probe's persons settled again —
/// those that lived on the lost silo, or reached the cluster through it, are the slow ones. Asserted: every answer is
/// either settled or 9998 "retry" (retried with its msgid until settled), every person settles again after each fault,
/// and the ledger audit passes with exactly the settled msgids.
/// </summary>
[Collection(ClusterChaosCollection.Name)]
public sealed class FailoverRecoveryTests(ITestOutputHelper output)
{
    private const int Persons = 2_000;
    private const int Institutions = 100;
    private const int ProbePersons = 30;
    private const int DeadStatus = 6;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Sends of one msgid at most (the first and the retries after 9998).</summary>
    private const int RetriesMax = 20;
    private static readonly TimeSpan Observe = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task Persons_of_a_killed_or_a_frozen_silo_settle_again_and_every_answer_is_settled_or_retry()
    {
        await using var cluster = await ProcessCluster.StartPostgresAsync();
        var silo0 = await cluster.StartSiloAsync(0, Persons, Institutions);
        var others = await Task.WhenAll(cluster.StartSiloAsync(1, Persons, Institutions), cluster.StartSiloAsync(2, Persons, Institutions));
        var gateway = await cluster.StartGatewayAsync();
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var client = PlatformClient.ForSilo(http, cluster.SeedDataDirectory);
        var answers = new ConcurrentQueue<ProbeAnswer>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var probes = Probe(client, answers, clock, stop.Token);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            var killedAt = clock.Elapsed;
            await others[0].KillAsync();
            var replacement = cluster.StartSiloAsync(3, Persons, Institutions); // as an operator would: 3 silos again
            var killedDeadAt = await WaitForDeadAsync(cluster, others[0], clock);
            await replacement;
            await DelayUntilAsync(clock, killedAt + Observe);

            var pausedAt = clock.Elapsed;
            await cluster.PauseAsync(others[1]);
            var pausedDeadAt = await WaitForDeadAsync(cluster, others[1], clock);
            await DelayUntilAsync(clock, pausedAt + Observe);
            await cluster.ResumeAsync(others[1]);
            // A swipe sent just before the vote may wait out the gateway's 10 s Orleans response timeout (then 9998).
            await DelayUntilAsync(clock, pausedDeadAt + TimeSpan.FromSeconds(12));
            await stop.CancelAsync();
            await probes;

            var all = answers.ToList();
            output.WriteLine($"{all.Count} probe answers; {all.Count(a => a.Infcode == 0)} settled, {all.Count(a => a.Infcode == 9998)} answered 9998 (retry)");
            var kill = Recovery("kill -9 silo 1", killedAt, killedDeadAt, pausedAt, all);
            var pause = Recovery("SIGSTOP silo 2", pausedAt, pausedDeadAt, clock.Elapsed, all);
            output.WriteLine(kill.Report);
            output.WriteLine(pause.Report);
            foreach (var person in all.Where(a => a.SentAt >= pausedAt).GroupBy(a => a.PersonId).Where(p => !p.Any(a => a.Infcode == 0)))
            {
                output.WriteLine($"{person.Key} did not settle after the SIGSTOP (sent+waited:infcode): " + string.Join(" ",
                    person.OrderBy(a => a.SentAt).Select(a => string.Create(CultureInfo.InvariantCulture, $"{(a.SentAt - pausedAt).TotalSeconds:F1}+{(a.AnsweredAt - a.SentAt).TotalSeconds:F1}:{a.Infcode}"))));
            }

            Assert.True(await others[1].WaitForExitAsync(TimeSpan.FromSeconds(30)), "silo 2, thawed after it was voted dead, is still running");

            Assert.Empty(all.Where(a => a.Infcode is not (0 or 9998)).Select(a => $"{a.PersonId} at {a.SentAt.TotalSeconds:F1} s: {a.Infcode} {a.Message}"));
            Assert.Equal(ProbePersons, kill.Recovered);
            Assert.Equal(ProbePersons, pause.Recovered);
            var audit = await ClusterAudit.DrainedAsync(gateway);
            Assert.True(audit.GetProperty("passed").GetBoolean(), audit.GetRawText());
            // Every msgid was retried until answered: the ledger holds exactly the settled ones, each once.
            Assert.Empty(all.GroupBy(a => a.MessageId).Where(m => !m.Any(a => a.Infcode == 0)).Select(m => m.Key));
            Assert.Equal(all.Select(a => a.MessageId).Distinct().Count(), audit.GetProperty("settlements").GetInt32());
            _ = silo0;
        }
        catch
        {
            await stop.CancelAsync();
            output.WriteLine($"every process's output: {cluster.SaveOutputs()}");
            output.WriteLine(cluster.OutputTails(40));
            throw;
        }
    }

    /// <summary>One loop per person: a 2102 pharmacy swipe of 0.50 yuan (personal account), a new msgid each time, every interval.</summary>
    private static Task Probe(PlatformClient client, ConcurrentQueue<ProbeAnswer> answers, Stopwatch clock, CancellationToken stop)
    {
        var employees = Enumerable.Range(0, Persons)
            .Where(i => DemoData.Person(i).Profile is { Scheme: Scheme.Employee, InsuredRegion: DemoData.DemoRegion })
            .Take(ProbePersons).ToArray();
        var pharmacies = Enumerable.Range(0, Institutions)
            .Where(i => DemoData.InstitutionProfileAt(i) is { Kind: InstitutionKind.Pharmacy, Region: DemoData.DemoRegion })
            .Select(DemoData.InstitutionCode).ToArray();
        return Task.WhenAll(employees.Select((person, slot) => Task.Run(async () =>
        {
            var pharmacy = pharmacies[slot % pharmacies.Length];
            var personId = DemoData.PersonId(person);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var sentAt = clock.Elapsed;
                var msgid = PlatformClient.MessageId(pharmacy, slot / pharmacies.Length * 1_000 + n);
                // As a hospital does: a 9998 "retry" is sent again with the same msgid after Retry-After (1 s), signed afresh.
                for (var attempt = 0; attempt < RetriesMax; attempt++)
                {
                    var attemptAt = clock.Elapsed;
                    var answer = await client.SendAsync("2102", pharmacy, msgid, PlatformClient.PharmacyInput(personId, 0.5m));
                    var infcode = answer.GetProperty("infcode").GetInt32();
                    answers.Enqueue(new ProbeAnswer(personId, msgid, attemptAt, clock.Elapsed, infcode,
                        answer.TryGetProperty("err_msg", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null));
                    if (infcode != 9998)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                }

                var next = sentAt + ProbeInterval - clock.Elapsed;
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next, CancellationToken.None);
                }
            }
        })));
    }

    private static async Task DelayUntilAsync(Stopwatch clock, TimeSpan at)
    {
        if (at > clock.Elapsed)
        {
            await Task.Delay(at - clock.Elapsed);
        }
    }

    /// <summary>Polls the membership table every 50 ms until the silo is Dead; the time on <paramref name="clock"/>.</summary>
    private static async Task<TimeSpan> WaitForDeadAsync(ProcessCluster cluster, SiloProcess silo, Stopwatch clock)
    {
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(60);
        while (await cluster.MembershipStatusAsync(silo) != DeadStatus)
        {
            Assert.True(clock.Elapsed < deadline, "the silo was not declared dead within 60 s");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// For each person, the first settled answer to a swipe sent at or after the fault: how long after the fault it
    /// came. Persons untouched by the fault settle within a probe interval; the rest waited for the cluster.
    /// </summary>
    private static (int Recovered, string Report) Recovery(string fault, TimeSpan at, TimeSpan deadAt, TimeSpan until, List<ProbeAnswer> answers)
    {
        var byPerson = answers.Where(a => a.SentAt >= at && a.SentAt < until).GroupBy(a => a.PersonId)
            .Select(g => g.Where(a => a.Infcode == 0).OrderBy(a => a.SentAt).Select(a => (TimeSpan?)(a.AnsweredAt - at)).FirstOrDefault())
            .ToList();
        var recovered = byPerson.Where(r => r is not null).Select(r => r!.Value).OrderBy(r => r).ToList();
        var slow = recovered.Where(r => r > TimeSpan.FromSeconds(1)).ToList();
        var report = string.Create(CultureInfo.InvariantCulture,
            $"{fault} at {at.TotalSeconds:F1} s: voted dead (membership table) {(deadAt - at).TotalSeconds:F1} s later; " +
            $"{recovered.Count} of {ProbePersons} persons settled again, {slow.Count} of them more than 1 s after the fault; " +
            $"first settlement after the fault at most {(recovered.Count == 0 ? double.NaN : recovered[^1].TotalSeconds):F1} s, " +
            $"median of the slow ones {(slow.Count == 0 ? 0 : slow[slow.Count / 2].TotalSeconds):F1} s");
        return (recovered.Count, report);
    }

    private sealed record ProbeAnswer(string PersonId, string MessageId, TimeSpan SentAt, TimeSpan AnsweredAt, int Infcode, string? Message);
}
