using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>
/// The <c>jobs</c> verb of the silo program against a running silo: it prints the admin API's JSON answer and exits 0
/// when the API answered 2xx, 1 when it refused, 2 for a usage error. Shown with the insurer cooperation job (the
/// shipped pack JD-330182-2012), whose month run is refused until the year's agreement is recorded.
/// </summary>
public sealed class JobsVerbTests
{
    [Fact]
    public async Task Jobs_run_and_list_call_the_admin_api_and_exit_by_its_answer()
    {
        using var scratch = new ScratchDirectory("medisettle-jobs");
        var directory = scratch.Path;
        await using var silo = await SiloProcess.StartAsync(directory, SiloProcess.FreePort(), persons: 20, institutions: 10);
        var url = silo.BaseAddress.ToString().TrimEnd('/');

        var refused = await SiloProcess.RunUntilExitAsync("jobs", "run", "insurer-cooperation", "--period", "2025-01", "--url", url);
        using (var http = new HttpClient { BaseAddress = silo.BaseAddress })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloProcess.AdminToken);
            var agreed = await http.PostAsync(new Uri("/admin/v1/insurer/agreements", UriKind.Relative), new StringContent(
                """{"fund":"330182:MergedResident:BasicPooled","year":2025,"insuredPersons":300000}""", Encoding.UTF8, "application/json"));
            Assert.True(agreed.IsSuccessStatusCode, await agreed.Content.ReadAsStringAsync());
        }

        var ran = await SiloProcess.RunUntilExitAsync("jobs", "run", "insurer-cooperation", "--period", "2025-01", "--url", url);
        var listed = await SiloProcess.RunUntilExitAsync("jobs", "list", "insurer-cooperation", "--from", "2025", "--to", "2025", "--url", url);
        var usage = await SiloProcess.RunUntilExitAsync("jobs", "run", "insurer-co-operation", "--period", "2025-01", "--url", url);

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("no insurer agreement is recorded for 2025.", JsonDocument.Parse(refused.StandardOutput).RootElement.GetProperty("detail").GetString());
        Assert.Equal(0, ran.ExitCode);
        var line = JsonDocument.Parse(ran.StandardOutput).RootElement.GetProperty("run").GetProperty("months")[0];
        // 300,000 persons × 464 = 139,200,000; January's premium is 1/12 of it (more than the first premium 1,000,000).
        Assert.Equal((13_920_000_000L, 1_160_000_000L), (line.GetProperty("target").GetInt64(), line.GetProperty("premium").GetInt64()));
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(["insurer-cooperation:2025-01"], JsonDocument.Parse(listed.StandardOutput).RootElement.EnumerateArray().Select(r => r.GetProperty("period").GetString()));
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("jobs run insurer-cooperation --period yyyy-MM|yyyy", usage.StandardError, StringComparison.Ordinal);
    }
}
