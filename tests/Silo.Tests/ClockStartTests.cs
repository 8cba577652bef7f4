using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>
/// <c>--clock-start</c> starts the settlement clock at a given instant for test and training environments: the
/// banner says so, settlements are dated from it, and clients still sign with their real clocks.
/// </summary>
public sealed class ClockStartTests
{
    [Fact]
    public async Task A_silo_started_with_a_clock_start_dates_settlements_from_it_and_says_so()
    {
        using var scratch = new ScratchDirectory("medisettle-clock");
        var directory = scratch.Path;
        await using var silo = await SiloProcess.StartAsync(
            directory, SiloProcess.FreePort(), persons: 20, institutions: 10, moreArguments: ["--clock-start", "2025-06-02T10:00:00+08:00"]);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        var client = PlatformClient.ForSilo(http, directory);
        var person = Enumerable.Range(0, 20).First(i => DemoData.Person(i).Profile is { Scheme: Scheme.Employee, InsuredRegion: DemoData.DemoRegion });
        var pharmacy = DemoData.InstitutionCode(Enumerable.Range(0, 10).First(i => DemoData.InstitutionProfileAt(i) is { Kind: InstitutionKind.Pharmacy, Region: DemoData.DemoRegion }));

        var answer = await client.SendAsync("2102", pharmacy, PlatformClient.MessageId(pharmacy, 1), PlatformClient.PharmacyInput(DemoData.PersonId(person), 12.34m));

        Assert.Contains("Settlement clock started at 2025-06-02T10:00:00+08:00 (--clock-start: test and training environments only)", silo.Output, StringComparison.Ordinal);
        Assert.Equal(0, answer.GetProperty("infcode").GetInt32());
        Assert.StartsWith("2025-06-02 10:0", answer.GetProperty("output").GetProperty("setlinfo").GetProperty("setl_time").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2025-06-02 10:0", answer.GetProperty("respond_time").GetString(), StringComparison.Ordinal);
    }
}
