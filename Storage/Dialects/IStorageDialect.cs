using System.Data.Common;
using Medisettle.Storage.Hosting;

namespace Medisettle.Storage.Dialects;

/// <summary>What differs between the ADO.NET providers: connections, session settings and DDL. The DML is shared.</summary>
internal interface IStorageDialect
{
    string Name { get; }

    GroupCommitStorageOptions Options { get; }

    /// <summary>
    /// Run first in every write transaction when group commit is off, so concurrent transactions still make their
    /// journal sequences visible in order. Null when the database already serializes writers (SQLite).
    /// </summary>
    string? SerializeWritersSql { get; }

    /// <summary>Opens a connection with the provider's session settings applied.</summary>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Creates the tables and indexes if they do not exist (idempotent, safe to run concurrently).</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);
}
