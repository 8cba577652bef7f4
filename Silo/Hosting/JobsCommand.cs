using System.Net.Http.Headers;
using System.Text;

namespace Medisettle.Silo.Hosting;

/// <summary>
/// The <c>jobs</c> verb: calls a running silo's (or gateway's) admin API for the fund jobs and prints the JSON answer.
/// <c>jobs run daily-close --period yyyy-MM-dd [--url U] [--data-dir DIR]</c>,
/// <c>jobs list daily-close --from yyyy-MM-dd --to yyyy-MM-dd [--url U] [--data-dir DIR]</c>, and the same for
/// <c>monthly-payout</c> with months (<c>yyyy-MM</c>), <c>risk-reserve</c> and <c>secondary-compensation</c> with years (<c>yyyy</c>), <c>insurer-cooperation</c> with a month
/// (<c>yyyy-MM</c>) or a year (<c>yyyy</c>, the year-end settlement) to run and years to list. The admin token is
/// <c>MEDISETTLE_ADMIN_TOKEN</c>, else <c>{data-dir}/admin-token</c>. Exit code 0 when the API answered 2xx, 1 otherwise,
/// 2 for a usage error.
/// </summary>
public static class JobsCommand
{
    public const string Verb = "jobs";

    private const string Usage =
        "usage: jobs run daily-close --period yyyy-MM-dd [--url http://127.0.0.1:5080] [--data-dir data]\n" +
        "       jobs list daily-close --from yyyy-MM-dd --to yyyy-MM-dd [--url http://127.0.0.1:5080] [--data-dir data]\n" +
        "       jobs run monthly-payout --period yyyy-MM [--url ...] [--data-dir ...]\n" +
        "       jobs list monthly-payout --from yyyy-MM --to yyyy-MM [--url ...] [--data-dir ...]\n" +
        "       jobs run risk-reserve --period yyyy [--url ...] [--data-dir ...]\n" +
        "       jobs list risk-reserve --from yyyy --to yyyy [--url ...] [--data-dir ...]\n" +
        "       jobs run secondary-compensation --period yyyy [--url ...] [--data-dir ...]\n" +
        "       jobs list secondary-compensation --from yyyy --to yyyy [--url ...] [--data-dir ...]\n" +
        "       jobs run insurer-cooperation --period yyyy-MM|yyyy [--url ...] [--data-dir ...]\n" +
        "       jobs list insurer-cooperation --from yyyy --to yyyy [--url ...] [--data-dir ...]";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is not [var action and ("run" or "list"), var job and ("daily-close" or "monthly-payout" or "risk-reserve" or "secondary-compensation" or "insurer-cooperation"), .. var rest] || !TryReadOptions(rest, out var options))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var url = options.GetValueOrDefault("url", "http://127.0.0.1:5080").TrimEnd('/');
        var token = Environment.GetEnvironmentVariable("MEDISETTLE_ADMIN_TOKEN")
            ?? ReadToken(Path.Combine(options.GetValueOrDefault("data-dir", "data"), MedisettleHostExtensions.AdminTokenFileName));
        if (token is null)
        {
            await Console.Error.WriteLineAsync("medisettle jobs: no admin token: set MEDISETTLE_ADMIN_TOKEN or give --data-dir of the silo.");
            return 2;
        }

        using var request = action == "run"
            ? Post(url, job, options.GetValueOrDefault("period"))
            : new HttpRequestMessage(HttpMethod.Get,
                $"{url}/admin/v1/jobs/{job}/runs?from={Uri.EscapeDataString(options.GetValueOrDefault("from", ""))}&to={Uri.EscapeDataString(options.GetValueOrDefault("to", ""))}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var http = new HttpClient { Timeout = RequestTimeout };
        try
        {
            using var response = await http.SendAsync(request);
            Console.WriteLine(await response.Content.ReadAsStringAsync());
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"medisettle jobs: {url}: {e.Message}");
            return 1;
        }
    }

    private static HttpRequestMessage Post(string url, string job, string? period) => new(HttpMethod.Post, $"{url}/admin/v1/jobs/{job}/runs")
    {
        Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { period }), Encoding.UTF8, "application/json"),
    };

    private static bool TryReadOptions(string[] args, out Dictionary<string, string> options)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length || !options.TryAdd(args[i][2..], args[i + 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static string? ReadToken(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
