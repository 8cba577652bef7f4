using Medisettle.Gateway;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>
/// The silo's <c>/metrics</c>: Orleans' instruments are exported, except the gauges whose every reading walks all the
/// silo's activations (<see cref="TelemetryServiceCollectionExtensions.DroppedOrleansInstruments"/>).
/// </summary>
public sealed class MetricsExportTests
{
    [Fact]
    public async Task Metrics_export_orleans_instruments_but_not_the_gauges_that_walk_every_activation()
    {
        using var scratch = new ScratchDirectory("medisettle-metrics");
        var directory = scratch.Path;
        await using var silo = await SiloProcess.StartAsync(directory, SiloProcess.FreePort(), persons: 20, institutions: 10, moreArguments: ["--dashboard", "off"]);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        // The demo's 20 persons were enrolled at start, so they are activations of the person grain type.
        Assert.Contains("orleans_catalog_activations{otel_scope_name=\"Microsoft.Orleans\",grain_type=\"person\"} 20\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE orleans_directory_partition_size gauge\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("orleans_messaging_processing_activation_data", text, StringComparison.Ordinal);
        Assert.DoesNotContain("orleans_directory_cache_size", text, StringComparison.Ordinal);
    }
}
