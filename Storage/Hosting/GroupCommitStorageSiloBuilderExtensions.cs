using Medisettle.Storage.Dialects;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Journal;
using Medisettle.Storage.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;

namespace Medisettle.Storage.Hosting;

/// <summary>
/// Registers the group-commit grain storage on SQLite or PostgreSQL as an Orleans grain storage (named, and as
/// the default when the name is "Default"), with its journal (<see cref="IJournal"/>, keyed by the same name) and
/// the <see cref="JournaledStateAttribute"/> facet.
/// </summary>
public static class GroupCommitStorageSiloBuilderExtensions
{
    /// <summary>SQLite group-commit storage as the default grain storage.</summary>
    public static ISiloBuilder AddSqliteGroupCommitStorageAsDefault(this ISiloBuilder builder, Action<SqliteStorageOptions> configure) =>
        builder.AddSqliteGroupCommitStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>PostgreSQL group-commit storage as the default grain storage.</summary>
    public static ISiloBuilder AddPostgresGroupCommitStorageAsDefault(this ISiloBuilder builder, Action<PostgresStorageOptions> configure) =>
        builder.AddPostgresGroupCommitStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>SQLite group-commit storage named <paramref name="name"/>. See <see cref="SqliteStorageOptions"/>.</summary>
    public static ISiloBuilder AddSqliteGroupCommitStorage(this ISiloBuilder builder, string name, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGroupCommitStorage(name, configure, options => new SqliteDialect(options));
        return builder;
    }

    /// <summary>PostgreSQL group-commit storage named <paramref name="name"/>. The connection string is required.</summary>
    public static ISiloBuilder AddPostgresGroupCommitStorage(this ISiloBuilder builder, string name, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGroupCommitStorage(name, configure, options => new PostgresDialect(options));
        return builder;
    }

    private static void AddGroupCommitStorage<TOptions>(
        this IServiceCollection services, string name, Action<TOptions> configure, Func<TOptions, IStorageDialect> dialect)
        where TOptions : GroupCommitStorageOptions
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TOptions>(name).Configure(configure).PostConfigure(options =>
            options.GrainStorageSerializer ??= new JsonGrainStateSerializer(JsonGrainStateSerializer.CreateDefaultOptions()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, StorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAttributeToFactoryMapper<JournaledStateAttribute>, JournaledStateAttributeMapper>();
        services.AddStorageExceptionSerialization();
        services.AddKeyedSingleton(name, (sp, _) => new GroupCommitGrainStorage(
            name,
            dialect(sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<GroupCommitGrainStorage>()));
        services.AddKeyedSingleton<IJournal>(name, (sp, key) => sp.GetRequiredKeyedService<GroupCommitGrainStorage>(key));
        services.AddGrainStorage(name, (sp, key) => sp.GetRequiredKeyedService<GroupCommitGrainStorage>(key));
        if (name == ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
        {
            services.TryAddSingleton(sp => sp.GetRequiredKeyedService<GroupCommitGrainStorage>(name));
            services.TryAddSingleton<IJournal>(sp => sp.GetRequiredKeyedService<GroupCommitGrainStorage>(name));
        }
    }
}
