using System.CommandLine;
using Medisettle.LoadTest.Arrivals;
using Medisettle.LoadTest.Running;

namespace Medisettle.LoadTest.Cli;

/// <summary>Options shared by the run commands.</summary>
internal sealed class CommonOptions
{
    public Option<double> Rate { get; } = new("--rate") { Description = "Target (peak) arrivals per second", DefaultValueFactory = _ => 5_000 };

    public Option<int> DurationSeconds { get; } = new("--duration") { Description = "Run length in seconds", DefaultValueFactory = _ => 30 };

    public Option<ArrivalProfile> Profile { get; } = new("--profile") { Description = "Constant, Ramp or MorningPeak", DefaultValueFactory = _ => ArrivalProfile.Constant };

    public Option<long> Count { get; } = new("--count") { Description = "Stop after this many arrivals (0 = whole schedule)", DefaultValueFactory = _ => 0 };

    public Option<int> InFlightMax { get; } = new("--in-flight-max") { Description = "Swipes in flight at most; arrivals beyond are dropped and counted as errors", DefaultValueFactory = _ => 10_000 };

    public Option<int> Seed { get; } = new("--seed") { Description = "Workload seed", DefaultValueFactory = _ => 42 };

    public Option<int> Persons { get; } = new("--persons") { Description = "Demo persons (DemoData indexes 0..n-1)", DefaultValueFactory = _ => 100_000 };

    public Option<int> Institutions { get; } = new("--institutions") { Description = "Demo institutions", DefaultValueFactory = _ => 500 };

    public Option<double> ErrorRateMax { get; } = new("--error-rate-max") { Description = "Exit non-zero when errors ÷ offered exceeds this", DefaultValueFactory = _ => 0.001 };

    public Option<string> Output { get; } = new("--out") { Description = "Report directory", DefaultValueFactory = _ => Path.Combine("data", "loadtest") };

    public Option<double> WarmUp { get; } = new("--warmup") { Description = "Seconds of unreported warm-up traffic before the run (at the run's rate, at most 1,000/s)", DefaultValueFactory = _ => 10 };

    public Option<string?> Name { get; } = new("--name") { Description = "Report file name (default: the command and rate)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Rate, DurationSeconds, Profile, Count, InFlightMax, Seed, Persons, Institutions, ErrorRateMax, Output, Name, WarmUp })
        {
            command.Options.Add(option);
        }
    }

    public RunOptions RunOptions(ParseResult result) => new()
    {
        InFlightMax = result.GetValue(InFlightMax),
        CountMax = result.GetValue(Count),
        Seed = result.GetValue(Seed),
        WarmUpSeconds = result.GetValue(WarmUp),
    };

    public ArrivalSchedule Schedule(ParseResult result) =>
        result.GetValue(Profile).ToSchedule(result.GetValue(Rate), TimeSpan.FromSeconds(result.GetValue(DurationSeconds)));
}
