using System.Text.Json;
using Medisettle.LoadTest.Acknowledgements;
using Medisettle.LoadTest.Cli;
using Medisettle.LoadTest.Targets;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>http --url … --acks</c> against a real gateway, then <c>verify</c> of the acks file, honest and tampered.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HttpVerifyTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Http_run_at_the_url_writes_every_acknowledgement_and_verify_finds_each_exactly_once()
    {
        var acks = Path.Combine(gateway.WorkDirectory, "run-acks.tsv");
        var reports = Path.Combine(gateway.WorkDirectory, "reports");
        var url = gateway.BaseAddress.ToString();

        var exit = await LoadTestCommands.Create().Parse(
        [
            "http", "--url", url, "--admin-token", GatewayFixture.AdminToken, "--credentials", gateway.CredentialsPath, "--acks", acks, "--rate", "40", "--duration", "1", "--warmup", "0",
            "--persons", "200", "--institutions", "30", "--seed", "7", "--out", reports, "--name", "e2e",
        ]).InvokeAsync();
        var log = new StringWriter();
        var verified = await VerifyCommand.RunAsync(gateway.BaseAddress, GatewayFixture.AdminToken, acks, log, CancellationToken.None);

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "e2e.json")));
        var settled = report.RootElement.GetProperty("byStatus").GetProperty("Settled").GetInt64();
        var lines = (await AcknowledgementFile.ReadAsync(acks, CancellationToken.None)).Lines;
        Assert.Equal(settled, lines.Count);
        Assert.True(settled > 0);
        Assert.All(lines, line => Assert.Contains(line.Infno, new[] { "2102", "2207", "2304" }));
        Assert.Equal(0, verified);
        Assert.Equal($"verify {acks} against {url}: checked {settled}, ok {settled}, missing 0, mismatched 0, malformed 0\n", log.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Verify_reports_a_tampered_setl_id_as_mismatched_and_a_tampered_msgid_as_missing_and_exits_1()
    {
        var acks = Path.Combine(gateway.WorkDirectory, "tampered-acks.tsv");
        var plans = GatewayPlans.Pharmacy(3, seed: 5, hoursEarlier: 3);
        await using (var target = new HttpTarget(new HttpOptions { BaseAddress = gateway.BaseAddress, Credentials = gateway.Credentials, AcknowledgementsPath = acks }, TimeProvider.System))
        {
            foreach (var plan in plans)
            {
                Assert.Equal(SwipeStatus.Settled, (await target.ExecuteAsync(plan, null, CancellationToken.None)).Status);
            }
        }

        var honest = (await AcknowledgementFile.ReadAsync(acks, CancellationToken.None)).Lines;
        Assert.Equal(plans.Select(p => (p.Fresh.MessageId, p.PersonId, "2102")), honest.Select(l => (l.MessageId, l.PersonId, l.Infno)));
        var tamperedSetlId = honest[0] with { SettlementId = "S20990101000000000000000000000" };
        var tamperedMsgid = honest[1] with { MessageId = honest[1].MessageId[..^4] + "9999" };
        await File.WriteAllTextAsync(acks, string.Concat(new[] { tamperedSetlId, tamperedMsgid, honest[2] }.Select(l => l.Format() + "\n")));
        var log = new StringWriter();

        var verified = await VerifyCommand.RunAsync(gateway.BaseAddress, GatewayFixture.AdminToken, acks, log, CancellationToken.None);
        var viaCommandLine = await LoadTestCommands.Create().Parse(
            ["verify", "--url", gateway.BaseAddress.ToString(), "--admin-token", GatewayFixture.AdminToken, "--acks", acks]).InvokeAsync();

        Assert.Equal(1, verified);
        Assert.Equal(1, viaCommandLine);
        Assert.Equal(
            $"""
            mismatched: msgid {honest[0].MessageId} (psn_no {honest[0].PersonId}) settled as {honest[0].SettlementId}; acknowledged setl_id {tamperedSetlId.SettlementId}
            missing: msgid {tamperedMsgid.MessageId} (psn_no {honest[1].PersonId}) has no settlement; acknowledged setl_id {honest[1].SettlementId}
            verify {acks} against {gateway.BaseAddress}: checked 3, ok 1, missing 1, mismatched 1, malformed 0

            """,
            log.ToString().ReplaceLineEndings("\n"));
    }
}
