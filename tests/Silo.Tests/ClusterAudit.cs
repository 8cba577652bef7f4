using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>The ledger audit of a running cluster, through a gateway's admin API.</summary>
internal static class ClusterAudit
{
    /// <summary>The gateway's audit once the posting dispatcher applied every posting (polled for at most 60 s; a 503 "retry" is retried).</summary>
    public static async Task<JsonElement> DrainedAsync(SiloProcess gateway)
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/audit");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SiloProcess.AdminToken);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(TimeSpan.FromSeconds(1)); // the cluster is failing over: retry, as Retry-After says
                continue;
            }

            Assert.True(response.IsSuccessStatusCode, $"/admin/v1/audit: {(int)response.StatusCode} {text}");
            var audit = JsonDocument.Parse(text).RootElement.Clone();
            if (audit.GetProperty("pendingPostings").GetInt32() == 0 || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                return audit;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
