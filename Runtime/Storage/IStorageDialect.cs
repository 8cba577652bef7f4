using System.Data.Common;
using Medisettle.Runtime.Configuration;

namespace Medisettle.Runtime.Storage;

/// <summary>What differs between the ADO.NET providers: connections, session settings and DDL. The DML is shared (<see cref="StorageSql"/>).</summary>
internal interface IStorageDialect
{
    string Name { get; }

    GroupCommitOptions GroupCommit { get; }

    /// <summary>
    /// Run first in every write transaction when group commit is off, so that concurrent transactions still commit
    /// their journal sequences in order (the posting dispatcher reads "after position"). Null when the database
    /// already serializes writers (SQLite).
    /// </summary>
    string? SerializeWritersSql { get; }

    /// <summary>Opens a connection with the provider's session settings applied.</summary>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Creates the tables and indexes if they do not exist (idempotent, safe to run concurrently).</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);
}
