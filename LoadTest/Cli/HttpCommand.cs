using System.CommandLine;
using System.Text.Json;
using Medisettle.Grains.Demo;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;

namespace Medisettle.LoadTest.Cli;

/// <summary><c>http</c>: a running gateway (e.g. <c>dotnet run --project Silo</c>) over loopback HTTP.</summary>
internal static class HttpCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var url = GatewayUrlOption.Create();
        var token = new Option<string?>("--admin-token") { Description = "Admin bearer token for GET /admin/v1/audit (default: MEDISETTLE_ADMIN_TOKEN)" };
        var connections = new Option<int>("--connections") { Description = "HTTP connections at most", DefaultValueFactory = _ => 256 };
        var credentials = new Option<string>("--credentials")
        {
            Description = "The silo's demo-credentials.json (the demo institutions' signing secrets, random per data directory)",
            DefaultValueFactory = _ => Path.Combine("data", "demo-credentials.json"),
        };
        var acks = new Option<string?>("--acks") { Description = "Append every acknowledged settlement to this file as msgid<TAB>setl_id<TAB>psn_no<TAB>infno (check it later with verify)" };
        var record = new Option<string?>("--record") { Description = "Append every request sent, with its answer, to this JSON-lines file (re-run it later with replay)" };
        var command = new Command("http", "Drive a running gateway over HTTP with signed national-platform transactions.");
        common.AddTo(command);
        command.Options.Add(url);
        command.Options.Add(token);
        command.Options.Add(connections);
        command.Options.Add(credentials);
        command.Options.Add(acks);
        command.Options.Add(record);
        command.SetAction(async (result, cancellationToken) =>
        {
            var credentialsPath = result.GetValue(credentials)!;
            if (ReadCredentials(credentialsPath) is not { } secrets)
            {
                return 2;
            }

            var options = new HttpOptions
            {
                BaseAddress = result.GetValue(url)!,
                Credentials = secrets,
                AdminToken = result.GetValue(token) ?? Environment.GetEnvironmentVariable("MEDISETTLE_ADMIN_TOKEN"),
                ConnectionsMax = result.GetValue(connections),
                AcknowledgementsPath = result.GetValue(acks),
                RecordingPath = result.GetValue(record),
            };
            await using var target = new HttpTarget(options, TimeProvider.System);
            var rate = result.GetValue(common.Rate);
            var name = result.GetValue(common.Name) ?? FormattableString.Invariant($"http-{rate}");
            var report = await RunSession.RunAsync(name, target, RunSession.Population(result.GetValue(common.Persons), result.GetValue(common.Institutions)),
                common.Schedule(result), rate, common.RunOptions(result), Console.Out, cancellationToken);
            await Console.Out.WriteLineAsync(FormattableString.Invariant(
                $"Requests sent again after a 9998 \"retry\" answer (same msgid, after Retry-After, at most {HttpTarget.UnavailableRetriesMax} times each): {target.UnavailableRetries:N0}"));
            return await RunSession.FinishAsync(report, result.GetValue(common.Output)!, result.GetValue(common.ErrorRateMax), Console.Out, cancellationToken);
        });
        return command;
    }

    /// <summary>The secrets, or null (and one line on stderr naming the file and the problem) when they cannot be read.</summary>
    private static DemoCredentials? ReadCredentials(string path)
    {
        try
        {
            return DemoCredentials.ReadFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            Console.Error.WriteLine($"http: --credentials '{Path.GetFullPath(path)}' cannot be read: {e.Message} (the silo writes it to its data directory at start).");
            return null;
        }
    }
}
