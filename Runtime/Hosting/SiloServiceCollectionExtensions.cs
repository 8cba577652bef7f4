using System.Text.Json.Serialization.Metadata;
using Medisettle.Runtime.Catalog;
using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Journal;
using Medisettle.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Medisettle.Runtime.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo running as a hosted service, with SQLite storage (<c>data/silo.db</c>) unless
    /// <c>UsePostgresStorage</c> is called. <see cref="IClusterClient"/> and <see cref="IGrainFactory"/> resolve
    /// to the in-process client. Options are validated when the host starts.
    /// </summary>
    public static ISiloBuilder AddSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(GrainCatalog)))
        {
            throw new InvalidOperationException("AddSilo was called twice on the same service collection.");
        }

        services.AddOptions<SiloOptions>()
            .Configure(configure ?? (_ => { }))
            .PostConfigure(options =>
            {
                // Reflection-based serialization unless a (source-generated) resolver was plugged in.
                if (options.StateSerializerOptions is { TypeInfoResolver: null, IsReadOnly: false } serializerOptions)
                {
                    serializerOptions.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWriteFence, NoWriteFence>();
        services.AddSingleton<GrainTypeRegistry>();
        services.AddSingleton<GrainCatalog>();
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainCatalog>().GrainFactory);
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainCatalog>().GrainFactory);
        services.AddSingleton<AdoGrainStorage>();
        services.AddSingleton<IGrainStorage>(sp => sp.GetRequiredService<AdoGrainStorage>());
        services.AddSingleton<IJournal>(sp => sp.GetRequiredService<AdoGrainStorage>());
        services.AddHostedService<SiloHostedService>();
        var builder = new SiloBuilder(services);
        builder.UseSqliteStorage();
        return builder;
    }
}
