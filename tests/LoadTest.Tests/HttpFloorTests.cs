using System.Text.RegularExpressions;
using Medisettle.LoadTest.Bench;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>http-floor</c>: a bare endpoint over loopback, driven open-loop, with a row per number of grain calls.</summary>
public sealed class HttpFloorTests
{
    [Fact]
    public async Task Every_request_is_answered_and_each_grain_call_count_gets_its_row_beside_the_baseline()
    {
        var options = new HttpFloorOptions(Rate: 200, Duration: TimeSpan.FromSeconds(1), Warmup: TimeSpan.Zero, Connections: 8, GrainCalls: [0, 2], BodyBytes: 1_500, AnswerBytes: 600);

        var report = await HttpFloor.RunAsync(options, CancellationToken.None);

        var lines = report.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("http-floor: 200 requests/s offered for 1 s after 0 s of warm-up, 8 connections, 1,500-byte requests, 600-byte answers, ", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.Matches(new Regex(@"^\| 0 \| [0-9,]+ \| 0 \| [0-9]+ µs \| 1\.00 \| "), lines[3]); // no errors; the baseline's ratio is 1
        Assert.Matches(new Regex(@"^\| 2 \| [0-9,]+ \| 0 \| [0-9]+ µs \| [0-9]+\.[0-9]{2} \| "), lines[4]);
    }
}
