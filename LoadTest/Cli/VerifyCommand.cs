using System.CommandLine;
using Medisettle.LoadTest.Acknowledgements;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>verify</c>: checks every line of an acks file (<c>http --acks</c>) against the running service. Exit code 0 when
/// every acknowledged settlement is there exactly once with its setl_id, 1 on any missing, mismatched or malformed
/// line, 2 when the check could not run (no file, service unreachable, refused token).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var url = GatewayUrlOption.Create();
        var token = new Option<string?>("--admin-token") { Description = "Admin bearer token for GET /admin/v1/persons/{psn_no} (default: MEDISETTLE_ADMIN_TOKEN)" };
        var acks = new Option<string>("--acks") { Description = "The acks file written by http --acks", Required = true };
        var command = new Command("verify", "Check every acknowledged settlement of an acks file against a running gateway: found exactly once, same setl_id.");
        command.Options.Add(url);
        command.Options.Add(token);
        command.Options.Add(acks);
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(url)!, result.GetValue(token) ?? Environment.GetEnvironmentVariable("MEDISETTLE_ADMIN_TOKEN"), result.GetValue(acks)!, Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(Uri baseAddress, string? adminToken, string acksPath, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (string.IsNullOrEmpty(adminToken))
        {
            await log.WriteLineAsync("verify: no admin token (--admin-token or MEDISETTLE_ADMIN_TOKEN); the persons query needs it.");
            return 2;
        }

        try
        {
            var file = await AcknowledgementFile.ReadAsync(acksPath, cancellationToken);
            using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var report = await new AcknowledgementVerifier(client, adminToken).VerifyAsync(file, cancellationToken);
            foreach (var problem in report.Problems)
            {
                await log.WriteLineAsync(problem);
            }

            await log.WriteLineAsync($"verify {acksPath} against {baseAddress}: {report.Summary()}");
            return report.Passed ? 0 : 1;
        }
        catch (Exception e) when ((e is IOException or UnauthorizedAccessException or HttpRequestException or InvalidDataException or TaskCanceledException)
                                  && !cancellationToken.IsCancellationRequested)
        {
            await log.WriteLineAsync($"verify: cannot check {acksPath} against {baseAddress}: {e.Message}");
            return 2;
        }
    }
}
