using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Medisettle.Storage.Hosting;

/// <summary>
/// Lets Orleans carry the databases' own exceptions across a grain call (<c>PostgresException</c>, <c>NpgsqlException</c>,
/// <c>SqliteException</c>): a write that fails in the storage fails the grain call that made it, and the caller (the
/// gateway, on the same silo or another) logs the database's reason. Orleans serializes only the exception types it
/// knows of; for any other it fails with a codec error of its own, and the database's message was lost on the way.
/// Registered with the storage on a silo, and on a stand-alone gateway's client, which receives these exceptions.
/// </summary>
public static class StorageExceptionSerialization
{
    /// <summary>The namespaces of the exceptions the storage's databases throw.</summary>
    public static IReadOnlyList<string> NamespacePrefixes { get; } = ["Npgsql", "Microsoft.Data.Sqlite"];

    public static IServiceCollection AddStorageExceptionSerialization(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options =>
        {
            foreach (var prefix in NamespacePrefixes)
            {
                options.SupportedNamespacePrefixes.Add(prefix);
            }
        });
}
