using Medisettle.Runtime.Catalog;
using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Storage;
using Medisettle.Runtime.Storage.Postgres;
using Medisettle.Runtime.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Medisettle.Runtime.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Registers grain class <typeparamref name="TGrain"/> for interface <typeparamref name="TInterface"/> (explicit; no assembly scanning).</summary>
    public static ISiloBuilder AddGrain<TInterface, TGrain>(this ISiloBuilder builder)
        where TInterface : IGrainWithStringKey
        where TGrain : Grain, TInterface
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TGrain)));
        return builder;
    }

    /// <summary>Uses the embedded SQLite storage (the default). See <see cref="SqliteStorageOptions"/>.</summary>
    public static ISiloBuilder UseSqliteStorage(this ISiloBuilder builder, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.RemoveAll<IStorageDialect>();
        services.AddOptions<SqliteStorageOptions>().Configure(configure ?? (_ => { })).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, StorageOptionsValidator>());
        services.AddSingleton<IStorageDialect, SqliteDialect>();
        return builder;
    }

    /// <summary>Uses PostgreSQL storage. See <see cref="PostgresStorageOptions"/>; the connection string is required.</summary>
    public static ISiloBuilder UsePostgresStorage(this ISiloBuilder builder, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.RemoveAll<IStorageDialect>();
        services.AddOptions<PostgresStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, StorageOptionsValidator>());
        services.AddSingleton<IStorageDialect, PostgresDialect>();
        return builder;
    }

    /// <summary>Replaces the write fence checked in every write transaction (default: <see cref="NoWriteFence"/>).</summary>
    public static ISiloBuilder UseWriteFence<TFence>(this ISiloBuilder builder)
        where TFence : class, IWriteFence
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IWriteFence>();
        builder.Services.AddSingleton<IWriteFence, TFence>();
        return builder;
    }

    /// <summary>Replaces the write fence with <paramref name="fence"/>.</summary>
    public static ISiloBuilder UseWriteFence(this ISiloBuilder builder, IWriteFence fence)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(fence);
        builder.Services.RemoveAll<IWriteFence>();
        builder.Services.AddSingleton(fence);
        return builder;
    }
}
