using System.Text.Json;
using System.Text.Json.Nodes;
using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>replay</c> of a recorded day on a scratch silo with its gateway, at the requests' original dates.</summary>
public sealed class ReplayCommandTests(ReplayDayFixture day) : IClassFixture<ReplayDayFixture>
{
    [Fact]
    public void Requests_are_answered_through_the_gateway_at_their_original_dates()
    {
        Assert.Equal(0, day.ExitCode);
        var answers = ReplayDay.Answers(Path.Combine(day.OutDirectory, "replayed.jsonl"));
        Assert.Equal([0, 0, -1, 2001, 0], answers.Select(a => a.GetProperty("infcode").GetInt32()));
        Assert.Equal("2025-03-04 10:00:00", answers[1].GetProperty("output").GetProperty("setlinfo").GetProperty("setl_time").GetString());
        Assert.Equal("2025-03-04 10:00:00", answers[4].GetProperty("output").GetProperty("setlinfo").GetProperty("setl_time").GetString());
        Assert.Equal("replayed-setl_id-line-2", answers[1].GetProperty("output").GetProperty("setlinfo").GetProperty("setl_id").GetString());
        Assert.Equal(answers[1].GetRawText(), answers[4].GetRawText());

        var before = Report(day.OutDirectory).GetProperty("before");
        Assert.Equal("""{"1101":{"0":1},"2102":{"-1":1,"0":2,"2001":1}}""", Compact(before.GetProperty("infcodesByInfno")));
        Assert.Equal("""{"-1":1,"0":3,"2001":1}""", Compact(before.GetProperty("infcodes")));
        Assert.Equal(86.50m, before.GetProperty("fundsPaidYuan").GetProperty("acct_pay").GetDecimal()); // the same msgid sent again pays once
        Assert.Equal(0m, before.GetProperty("fundsPaidYuan").GetProperty("fund_pay_sumamt").GetDecimal());
        Assert.Equal(("2025-03-04", "2025-03-04"), (before.GetProperty("firstDate").GetString(), before.GetProperty("lastDate").GetString()));
        Assert.Equal(1, before.GetProperty("clockHeld").GetInt32()); // the resend carries the first send's inf_time
        Assert.Equal((0, 0), (before.GetProperty("answersCompared").GetInt32(), before.GetProperty("mismatches").GetInt32()));
        Assert.StartsWith("replay 2025-03-04..2025-03-04: 5 requests, infcodes -1: 1, 0: 3, 2001: 1; 0 of 0 recorded answers differ;", day.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replaying_twice_gives_identical_reports_and_answers()
    {
        var again = Path.Combine(day.Directory, "again");

        var code = await ReplayCommand.RunAsync(day.RequestsPath, PolicyPackLoader.DefaultDirectory, null, again, new StringWriter(), new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(day.OutDirectory, "replay.json")), await File.ReadAllTextAsync(Path.Combine(again, "replay.json")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(day.OutDirectory, "replayed.jsonl")), await File.ReadAllTextAsync(Path.Combine(again, "replayed.jsonl")));
    }

    [Fact]
    public async Task Recorded_answers_that_agree_are_no_mismatch_and_a_cancel_names_the_recorded_setl_id()
    {
        // The first replay's output as a recording with answers, and a 2103 cancel the next day of the first settlement,
        // naming it by its recorded setl_id (which the scratch host never issued: it is translated to the replayed one).
        var recording = Path.Combine(day.Directory, "with-cancel.jsonl");
        var settled = ReplayDay.Answers(Path.Combine(day.OutDirectory, "replayed.jsonl"))[1].GetProperty("output").GetProperty("setlinfo");
        var cancel = ReplayDay.Line("2103", "P990001000002025030511000001", "2025-03-05 11:00:00", new JsonObject
        {
            ["data"] = new JsonObject { ["setl_id"] = settled.GetProperty("setl_id").GetString(), ["mdtrt_id"] = settled.GetProperty("mdtrt_id").GetString(), ["psn_no"] = "99000100000000" },
        });
        await File.WriteAllLinesAsync(recording, [.. await File.ReadAllLinesAsync(Path.Combine(day.OutDirectory, "replayed.jsonl")), cancel]);
        var out_ = Path.Combine(day.Directory, "with-cancel");

        var code = await ReplayCommand.RunAsync(recording, PolicyPackLoader.DefaultDirectory, null, out_, new StringWriter(), new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        var before = Report(out_).GetProperty("before");
        Assert.Equal((5, 0), (before.GetProperty("answersCompared").GetInt32(), before.GetProperty("mismatches").GetInt32()));
        Assert.Equal("""{"1101":{"0":1},"2102":{"-1":1,"0":2,"2001":1},"2103":{"0":1}}""", Compact(before.GetProperty("infcodesByInfno")));
        Assert.Equal(0m, before.GetProperty("fundsPaidYuan").GetProperty("acct_pay").GetDecimal());
        Assert.Equal("2025-03-05", before.GetProperty("lastDate").GetString());
        var cancelled = ReplayDay.Answers(Path.Combine(out_, "replayed.jsonl"))[5].GetProperty("output").GetProperty("setlinfo");
        Assert.Equal(("replayed-setl_id-line-2", "2025-03-05 11:00:00", -86.50m),
            (cancelled.GetProperty("setl_id").GetString(), cancelled.GetProperty("setl_time").GetString(), cancelled.GetProperty("acct_pay").GetDecimal()));
    }

    [Fact]
    public async Task A_recorded_answer_changed_by_hand_is_reported_as_a_mismatch()
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(day.OutDirectory, "replayed.jsonl"));
        Assert.Contains("\"acct_pay\":86.50,", lines[1], StringComparison.Ordinal);
        lines[1] = lines[1].Replace("\"acct_pay\":86.50,", "\"acct_pay\":80.00,", StringComparison.Ordinal);
        var recording = Path.Combine(day.Directory, "changed.jsonl");
        await File.WriteAllLinesAsync(recording, lines);
        var out_ = Path.Combine(day.Directory, "changed");
        var log = new StringWriter();

        var code = await ReplayCommand.RunAsync(recording, PolicyPackLoader.DefaultDirectory, null, out_, log, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        var before = Report(out_).GetProperty("before");
        Assert.Equal((5, 1), (before.GetProperty("answersCompared").GetInt32(), before.GetProperty("mismatches").GetInt32()));
        var sample = Assert.Single(before.GetProperty("mismatchSamples").EnumerateArray()).GetString();
        Assert.Equal($"line 2 msgid {ReplayDay.FirstSettlementMsgid} (2102): answer.output.setlinfo.acct_pay: 80.00 → 86.50", sample);
        Assert.Contains("1 of 5 recorded answers differ", log.ToString(), StringComparison.Ordinal);
        Assert.Contains(sample!, await File.ReadAllTextAsync(Path.Combine(out_, "replay.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidate_pack_runs_the_same_day_again_and_reports_before_and_after_per_fund()
    {
        // The candidate P0 employee pack no longer lets the personal account pay at a pharmacy, the only payer of a P0
        // employee's pharmacy purchase: person 0's purchase is refused (-1, not covered) and nobody pays.
        var shipped = await File.ReadAllTextAsync(Path.Combine(PolicyPackLoader.DefaultDirectory, "p0-990001-employee.json"));
        var account = shipped.IndexOf("\"personalAccount\"", StringComparison.Ordinal);
        var pharmacy = shipped.IndexOf("\"Pharmacy\",", account, StringComparison.Ordinal);
        var candidate = Path.Combine(day.Directory, "candidate.json");
        await File.WriteAllTextAsync(candidate, shipped.Remove(pharmacy, "\"Pharmacy\",".Length));
        var out_ = Path.Combine(day.Directory, "candidate");

        var code = await ReplayCommand.RunAsync(day.RequestsPath, PolicyPackLoader.DefaultDirectory, candidate, out_, new StringWriter(), new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        var report = Report(out_);
        var (before, after, delta) = (report.GetProperty("before").GetProperty("fundsPaidYuan"), report.GetProperty("after").GetProperty("fundsPaidYuan"), report.GetProperty("fundsDeltaYuan"));
        Assert.Equal((86.50m, 0m), (before.GetProperty("acct_pay").GetDecimal(), before.GetProperty("psn_cash_pay").GetDecimal()));
        Assert.Equal((0m, 0m), (after.GetProperty("acct_pay").GetDecimal(), after.GetProperty("psn_cash_pay").GetDecimal()));
        Assert.Equal((-86.50m, 0m, 0m), (delta.GetProperty("acct_pay").GetDecimal(), delta.GetProperty("psn_cash_pay").GetDecimal(), delta.GetProperty("fund_pay_sumamt").GetDecimal()));
        Assert.Equal("P0-990001-employee", report.GetProperty("after").GetProperty("candidatePackId").GetString());
        Assert.Equal("""{"1101":{"0":1},"2102":{"-1":1,"0":2,"2001":1}}""", Compact(report.GetProperty("before").GetProperty("infcodesByInfno")));
        Assert.Equal("""{"1101":{"0":1},"2102":{"-1":3,"2001":1}}""", Compact(report.GetProperty("after").GetProperty("infcodesByInfno")));
        Assert.True(File.Exists(Path.Combine(out_, "replayed-candidate.jsonl")));
    }

    private static JsonElement Report(string directory) => JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "replay.json"))).RootElement.Clone();

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
