using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>whatif</c> on bad input: one clear line on stderr, exit code 1, no stack trace, no report.</summary>
public sealed class WhatIfCommandTests
{
    private static readonly string ShippedPack = Path.Combine(PolicyPackLoader.DefaultDirectory, "p0-990001-resident.json");

    [Theory]
    [InlineData("2026-02-30", "2026-03-31", "SHIPPED", "whatif: --from '2026-02-30' is not a date (yyyy-MM-dd).")]
    [InlineData("2026-03-01", "2026-02-01", "SHIPPED", "whatif: --to 2026-02-01 is before --from 2026-03-01.")]
    [InlineData("2026-01-01", "2026-03-31", "/nonexistent/candidate.json", "whatif: --pack '/nonexistent/candidate.json' does not exist.")]
    [InlineData("2026-01-01", "2026-03-31", "INVALID", "whatif: candidate.json")]
    [InlineData("2026-01-01", "2026-03-31", "SHIPPED", "whatif: --db '/nonexistent/silo.db' does not exist.")]
    public async Task Bad_input_is_one_line_and_exit_code_1(string from, string to, string pack, string expectedStart)
    {
        var dir = Directory.CreateTempSubdirectory("whatif-test").FullName;
        try
        {
            var packPath = pack switch
            {
                "SHIPPED" => ShippedPack,
                "INVALID" => Path.Combine(dir, "candidate.json"),
                _ => pack,
            };
            if (pack == "INVALID")
            {
                await File.WriteAllTextAsync(packPath, (await File.ReadAllTextAsync(ShippedPack)).Replace("\"annualCap\": 40000", "\"annualCap\": -5", StringComparison.Ordinal));
            }

            var log = new StringWriter();
            var error = new StringWriter();
            var code = await WhatIfCommand.RunAsync("/nonexistent/silo.db", null, from, to, packPath, PolicyPackLoader.DefaultDirectory, Path.Combine(dir, "out"), 20, log, error, CancellationToken.None);

            Assert.Equal(1, code);
            var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
