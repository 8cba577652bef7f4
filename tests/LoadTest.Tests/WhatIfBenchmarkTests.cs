using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>whatif-bench</c> on a small run: the re-run under the packs in force matches every record it made.</summary>
public sealed class WhatIfBenchmarkTests
{
    [Fact]
    public void A_small_run_replays_every_record_it_made_with_no_mismatch()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = WhatIfBenchmarkCommand.Run(2_000, 500, output, error);

        Assert.Equal(0, code);
        Assert.Equal("", error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("what-if replay: 2,000 settlements of 500 persons", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("consistency: 2,000 re-run, 0 mismatches;", lines[1], StringComparison.Ordinal);
        Assert.Matches(@"^baseline, same run: the engine alone computed the [\d,]+ planned swipes once in [\d.]+ s \([\d,]+/s\); the replay took [\d.]+x that for its 2,000 settlements$", lines[2].TrimEnd('\r'));
    }

    [Fact]
    public void Zero_settlements_is_one_line_and_exit_code_1()
    {
        var error = new StringWriter();

        var code = WhatIfBenchmarkCommand.Run(0, 500, TextWriter.Null, error);

        Assert.Equal(1, code);
        Assert.Equal("whatif-bench: --settlements and --persons must be at least 1.", error.ToString().Trim());
    }
}
