using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Medisettle.Grains.Hosting;

/// <summary>How every settlement silo host (the silo program, LoadTest's co-hosted silo) configures Orleans around the grains.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Idle activations are collected after <paramref name="collectionAge"/>; under memory pressure Orleans sheds the
    /// oldest first. There is no hard activation cap.
    /// </summary>
    public static ISiloBuilder UseSettlementActivationCollection(this ISiloBuilder builder, TimeSpan collectionAge)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Configure<GrainCollectionOptions>(collection =>
        {
            collection.CollectionAge = collectionAge;
            collection.EnableActivationSheddingOnMemoryPressure = true;
        });
    }

    /// <summary>
    /// Keeps Orleans' start-up chatter out of the log (storage and grain logs keep their levels): Orleans at Warning,
    /// its resilience pipeline (<c>Polly</c>, which logs every placement at Information) at Warning, and the watchdog
    /// at Error (10.4.2 logs a bogus "participant check thread has not completed" interval at start).
    /// </summary>
    public static ILoggingBuilder AddOrleansNoiseFilters(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return logging
            .AddFilter("Orleans", LogLevel.Warning)
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)
            .AddFilter("Polly", LogLevel.Warning);
    }
}
