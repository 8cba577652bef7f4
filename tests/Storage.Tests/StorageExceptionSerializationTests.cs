using Medisettle.Storage.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Medisettle.Storage.Tests;

/// <summary>
/// A database's exception crosses a grain call with its reason: Orleans' serializer and copier, configured as a silo
/// with the storage is, carry a PostgreSQL deadlock and a SQLite busy error with their type and message (which names
/// the SQL state or the SQLite code; Orleans keeps an exception's own fields, not those of the database's types).
/// </summary>
public sealed class StorageExceptionSerializationTests
{
    [Fact]
    public void A_postgres_error_is_serialized_and_copied_with_its_type_and_message()
    {
        var (serializer, copier) = Orleans(configured: true);
        var deadlock = new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);

        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(deadlock));
        var copied = copier.Copy<Exception>(deadlock);

        foreach (var exception in new[] { received, copied })
        {
            Assert.IsType<PostgresException>(exception);
            Assert.Equal("40P01: deadlock detected", exception.Message);
        }
    }

    [Fact]
    public void A_sqlite_error_is_serialized_with_its_type_and_message()
    {
        var (serializer, _) = Orleans(configured: true);
        var busy = new SqliteException("SQLite Error 5: 'database is locked'.", 5, 517);

        var received = Assert.IsType<SqliteException>(serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(busy)));

        Assert.Equal("SQLite Error 5: 'database is locked'.", received.Message);
    }

    /// <summary>Without the storage's setting Orleans refuses them: the codec error the gateway logged instead of the reason.</summary>
    [Fact]
    public void Without_the_setting_orleans_has_no_codec_for_them()
    {
        var (serializer, _) = Orleans(configured: false);

        Assert.Throws<CodecNotFoundException>(() => serializer.SerializeToArray<Exception>(new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected)));
    }

    private static (Serializer Serializer, DeepCopier Copier) Orleans(bool configured)
    {
        var services = new ServiceCollection().AddSerializer();
        if (configured)
        {
            services.AddStorageExceptionSerialization();
        }

        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<Serializer>(), provider.GetRequiredService<DeepCopier>());
    }
}
