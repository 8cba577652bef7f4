using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>replay</c> on bad input: one clear line on stderr, exit code 1, no scratch host started, no report.</summary>
public sealed class ReplayInputTests
{
    private static readonly string Good = ReplayDay.Lines()[1];

    [Theory]
    [InlineData("MISSING", null, "replay: --requests '")]
    [InlineData("", null, "replay: 'REQUESTS' holds no requests.")]
    [InlineData("GOOD\n{\"request\":", null, "replay: line 2 of 'REQUESTS' is not JSON (byte 12 of the line).")]
    [InlineData("GOOD\n\n[1,2]", null, "replay: line 3 of 'REQUESTS' is not a recorded request: has no \"request\" object.")]
    [InlineData("GOOD\nGOOD|\"msgid\":\"P990001000002025030410000001\"|\"msgid\":\"\"", null, "replay: line 2 of 'REQUESTS' is not a recorded request: request has no \"msgid\".")]
    [InlineData("GOOD|2025-03-04 10:00:00\",\"fixmedins|2025-03-04T10:00:00\",\"fixmedins", null, "replay: line 1 of 'REQUESTS' is not a recorded request: inf_time '2025-03-04T10:00:00' is not a time (yyyy-MM-dd HH:mm:ss, +08:00).")]
    [InlineData("GOOD|\"fixmedins_code\":\"P99000100000\"|\"fixmedins_code\":\"H12345\"", null, "replay: line 1: fixmedins_code 'H12345' is not a demo institution; the scratch host has only the demo data (DemoData) and signs with its demo secrets.")]
    [InlineData("GOOD\nGOOD|\"input\":{|\"input\":[],\"x\":{", null, "replay: line 2 of 'REQUESTS' is not a recorded request: request has no \"input\" object.")]
    [InlineData("GOOD|END|,\"answer\":{\"infcode\":\"0\"}}", null, "replay: line 1 of 'REQUESTS' is not a recorded request: \"answer\" has no integer \"infcode\".")]
    [InlineData("GOOD", "/nonexistent/candidate.json", "replay: --pack '/nonexistent/candidate.json' does not exist.")]
    public async Task Bad_input_is_one_line_and_exit_code_1(string content, string? candidate, string expectedStart)
    {
        var dir = Directory.CreateTempSubdirectory("replay-input-").FullName;
        try
        {
            var path = Path.Combine(dir, "day.jsonl");
            if (content != "MISSING")
            {
                await File.WriteAllTextAsync(path, Content(content));
            }

            var error = new StringWriter();
            var code = await ReplayCommand.RunAsync(path, PolicyPackLoader.DefaultDirectory, candidate, Path.Combine(dir, "out"), new StringWriter(), error, CancellationToken.None);

            Assert.Equal(1, code);
            var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith(expectedStart.Replace("REQUESTS", path, StringComparison.Ordinal), line, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Lines of <paramref name="spec"/>: <c>GOOD</c> is a good request line, <c>GOOD|old|new</c> one with old replaced by new (<c>END</c>: its final <c>}</c>).</summary>
    private static string Content(string spec) => string.Join('\n', spec.Split('\n').Select(line =>
    {
        if (!line.StartsWith("GOOD", StringComparison.Ordinal))
        {
            return line;
        }

        var parts = line.Split('|');
        var good = parts.Length < 3 ? Good : parts[1] == "END" ? Good[..^1] + parts[2] : Good.Replace(parts[1], parts[2], StringComparison.Ordinal);
        Assert.NotEqual(parts.Length == 3 ? Good : "", good);
        return good;
    })) + "\n";
}
