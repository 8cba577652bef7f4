using System.Diagnostics.Metrics;
using Medisettle.Gateway.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Medisettle.Gateway;

/// <summary>
/// The one OpenTelemetry registration of every Medisettle process (silo with its gateway, stand-alone gateway):
/// metrics of Orleans (<c>Microsoft.Orleans</c>), ASP.NET Core, the .NET runtime, Npgsql and our own
/// <c>Medisettle</c> meter, exported on <c>/metrics</c> (Prometheus text, <see cref="GatewayEndpointRouteBuilderExtensions.MapGateway"/>)
/// and, when <see cref="OtlpEndpointVariable"/> is set, by OTLP with the traces: ASP.NET Core requests, Orleans grain
/// calls (the silo and client builders need <c>AddActivityPropagation()</c>), the storage's group-commit spans, Npgsql.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard OpenTelemetry variable (or configuration key) that turns OTLP export on.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Meters exported: ours (<c>Medisettle</c>, also used by the storage and the grains), Orleans', Npgsql's.</summary>
    public static readonly IReadOnlyList<string> Meters = [GatewayMetrics.MeterName, "Microsoft.Orleans", "Npgsql"];

    /// <summary>
    /// Orleans instruments left out of the export: observable gauges whose every reading walks a structure as large as the
    /// silo's activations. <c>orleans-messaging-processing-activation-data</c> sums the pending requests of every
    /// activation; <c>orleans-directory-cache-size</c> counts the grain-directory cache entry by entry. At 100,000
    /// activations they took about 55 ms of CPU a scrape, nearly all of a scrape's cost (docs/benchmarks.md, "Issue 12,
    /// twenty-third sitting"), and a silo of a national deployment holds far more. A dropped instrument is not enabled,
    /// so its callback never runs for this export; the Orleans Dashboard's own reader still reads them (<c>--dashboard off</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> DroppedOrleansInstruments =
        ["orleans-messaging-processing-activation-data", "orleans-directory-cache-size"];

    /// <summary>
    /// Activity sources traced: Orleans' grain calls (<c>Microsoft.Orleans.Application</c>) and runtime, the storage's
    /// group-commit spans (<c>Medisettle.Storage</c>), Npgsql's commands. Npgsql is named here rather than through the
    /// Npgsql.OpenTelemetry package, whose <c>AddNpgsql()</c> adds exactly these names and would pin the gateway to Npgsql.
    /// </summary>
    public static readonly IReadOnlyList<string> Sources =
        ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", "Medisettle.Storage", "Npgsql"];

    /// <summary>
    /// Registers OpenTelemetry metrics (Prometheus exporter, OTLP when configured) and, when OTLP is configured or
    /// <paramref name="tracing"/> is given (a test's in-memory exporter), traces.
    /// </summary>
    public static IServiceCollection AddMedisettleTelemetry(
        this IServiceCollection services, string serviceName, IConfiguration? configuration = null, Action<TracerProviderBuilder>? tracing = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        var otlp = !string.IsNullOrWhiteSpace(configuration?[OtlpEndpointVariable] ?? Environment.GetEnvironmentVariable(OtlpEndpointVariable));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                ((IDeferredMeterProviderBuilder)metrics).Configure(
                    (provider, builder) => builder.AddView(OwnMetersOnly(provider.GetRequiredService<IMeterFactory>())));
                foreach (var instrument in DroppedOrleansInstruments)
                {
                    metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                }

                metrics.AddMeter([.. Meters])
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    // Each scrape reads the figures now (the default caches a response for 300 ms).
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp || tracing is not null)
        {
            telemetry.WithTracing(traces =>
            {
                traces.AddSource([.. Sources]).AddAspNetCoreInstrumentation();
                if (otlp)
                {
                    traces.AddOtlpExporter();
                }

                tracing?.Invoke(traces);
            });
        }

        return services;
    }

    /// <summary>
    /// A meter listener hears every meter of the process by name; a meter made by another host's
    /// <see cref="IMeterFactory"/> (another web host or test silo in the same process, as in tests) belongs to that
    /// host's figures, not this one's. Meters without a factory (static ones: Orleans', the storage's) are kept.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnMetersOnly(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null;
}
