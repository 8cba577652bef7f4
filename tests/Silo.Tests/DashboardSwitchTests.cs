using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary><c>--dashboard off</c>: the silo serves no Orleans Dashboard; the operator page and the gateway are as before.</summary>
public sealed class DashboardSwitchTests
{
    [Fact]
    public async Task A_silo_started_with_the_dashboard_off_serves_no_dashboard_and_still_its_operator_page()
    {
        using var scratch = new ScratchDirectory("medisettle-dashboard");
        var directory = scratch.Path;
        await using var silo = await SiloProcess.StartAsync(directory, SiloProcess.FreePort(), persons: 20, institutions: 10, moreArguments: ["--dashboard", "off"]);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloProcess.AdminToken);

        var dashboard = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        var counters = await http.GetAsync(new Uri("/dashboard/DashboardCounters", UriKind.Relative));
        var ops = await http.GetAsync(new Uri("/ops/data", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, counters.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ops.StatusCode);
    }
}
