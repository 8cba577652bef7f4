using System.Data.Common;
using Medisettle.Runtime.Configuration;

namespace Medisettle.Runtime.Storage;

/// <summary>What differs between the ADO.NET providers: connections, session settings and DDL. The DML is shared (<see cref="StorageSql"/>).</summary>
internal interface IStorageDialect
{
    string Name { get; }

    GroupCommitOptions GroupCommit { get; }

    /// <summary>Opens a connection with the provider's session settings applied.</summary>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Creates the tables and indexes if they do not exist (idempotent, safe to run concurrently).</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);
}
