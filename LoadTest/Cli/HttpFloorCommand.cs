using System.CommandLine;
using Medisettle.LoadTest.Bench;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>http-floor</c>: what HTTP itself costs on this machine, server and client together, with a trivial grain called
/// per request (<see cref="HttpFloor"/>): the floor under a request of <c>http</c>.
/// </summary>
internal static class HttpFloorCommand
{
    public static Command Create()
    {
        var rate = new Option<int>("--rate") { Description = "Requests/s offered (an HTTP run sends about 2.4 a swipe)", DefaultValueFactory = _ => 12_000 };
        var duration = new Option<int>("--duration") { Description = "Seconds measured at each number of grain calls", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds sent before each measurement, not counted", DefaultValueFactory = _ => 3 };
        var connections = new Option<int>("--connections") { Description = "Connections (as http's)", DefaultValueFactory = _ => 256 };
        var calls = new Option<string>("--grain-calls") { Description = "Grain calls a request, comma-separated; each a row (0 first: the baseline)", DefaultValueFactory = _ => "0,3" };
        var bodyBytes = new Option<int>("--body-bytes") { Description = "Request body bytes (a signed swipe request is about 1,500)", DefaultValueFactory = _ => 1_500 };
        var answerBytes = new Option<int>("--answer-bytes") { Description = "Answer bytes (an answer is about 600)", DefaultValueFactory = _ => 600 };
        var command = new Command("http-floor", "What HTTP over loopback costs on this machine, server and client in this process, with a trivial grain called per request: the floor under an http run's requests.");
        foreach (var option in new Option[] { rate, duration, warmup, connections, calls, bodyBytes, answerBytes })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var grainCalls = new List<int>();
            foreach (var part in result.GetValue(calls)!.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value > 20)
                {
                    await Console.Error.WriteLineAsync($"http-floor: --grain-calls takes numbers 0 to 20, comma-separated; '{part}' is not one.");
                    return 2;
                }

                grainCalls.Add(value);
            }

            var options = new HttpFloorOptions(result.GetValue(rate), TimeSpan.FromSeconds(result.GetValue(duration)), TimeSpan.FromSeconds(result.GetValue(warmup)),
                result.GetValue(connections), grainCalls, result.GetValue(bodyBytes), result.GetValue(answerBytes));
            if (options.Rate is < 1 or > 100_000 || options.Duration.TotalSeconds is < 1 or > 600 || options.Warmup.TotalSeconds is < 0 or > 600
                || options.Connections is < 1 or > 10_000 || options.BodyBytes is < 32 or > 1_000_000 || options.AnswerBytes is < 32 or > 1_000_000)
            {
                await Console.Error.WriteLineAsync("http-floor: --rate 1 to 100,000, --duration 1 to 600, --warmup 0 to 600, --connections 1 to 10,000, --body-bytes and --answer-bytes 32 to 1,000,000.");
                return 2;
            }

            Console.Write(await HttpFloor.RunAsync(options, cancellationToken));
            return 0;
        });
        return command;
    }
}
