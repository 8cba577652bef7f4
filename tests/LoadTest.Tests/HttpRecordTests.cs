using System.Text.Json;
using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Cli;
using Medisettle.LoadTest.Recording;
using Medisettle.LoadTest.Targets;
using Medisettle.LoadTest.Workload;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>http --record</c>: every request sent is recorded with its answer, and the recording replays.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HttpRecordTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_settlement_and_its_retry_are_recorded_with_their_answers_and_replay_with_the_same_infcodes()
    {
        var path = Path.Combine(gateway.WorkDirectory, $"recorded-{Guid.NewGuid():N}.jsonl");
        var plan = GatewayPlans.Pharmacy(1, seed: 17, hoursEarlier: 2)[0];
        SwipeResult settled;
        await using (var target = new HttpTarget(new HttpOptions { BaseAddress = gateway.BaseAddress, Credentials = gateway.Credentials, RecordingPath = path }, TimeProvider.System))
        {
            settled = await target.ExecuteAsync(plan, null, CancellationToken.None);
            await target.ExecuteAsync(plan with { Kind = SwipeKind.Retry }, settled.Acknowledged, CancellationToken.None);
        }

        var recorded = await RecordingFile.ReadAsync(path, CancellationToken.None);
        Assert.Equal(SwipeStatus.Settled, settled.Status);
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, r =>
        {
            Assert.Equal(("2102", plan.Fresh.MessageId, plan.Fresh.InstitutionCode, 0), (r.Infno, r.Msgid, r.Institution, r.Answer!.Infcode));
            Assert.Equal(settled.Acknowledged!.SettlementId, r.Answer.Output!.Value.GetProperty("setlinfo").GetProperty("setl_id").GetString());
            Assert.Equal(plan.PersonId, r.Envelope.GetProperty("input").GetProperty("data").GetProperty("psn_no").GetString());
        });
        Assert.Equal(recorded[0].Envelope.GetRawText(), recorded[1].Envelope.GetRawText()); // a retry re-sends the body byte for byte

        var out_ = Path.Combine(gateway.WorkDirectory, $"replay-{Guid.NewGuid():N}");
        var code = await ReplayCommand.RunAsync(path, PolicyPackLoader.DefaultDirectory, null, out_, new StringWriter(), new StringWriter(), CancellationToken.None);

        Assert.Equal(0, code);
        var before = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(out_, "replay.json"))).RootElement.GetProperty("before");
        Assert.Equal("""{"2102":{"0":2}}""", JsonSerializer.Serialize(before.GetProperty("infcodesByInfno")));
        Assert.Equal(2, before.GetProperty("answersCompared").GetInt32());
        Assert.Equal(recorded[0].InfTime.ToOffset(RecordedRequest.WireOffset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), before.GetProperty("firstDate").GetString());
    }
}
