using System.Data.Common;
using Medisettle.Storage.Hosting;

namespace Medisettle.Storage.Dialects;

/// <summary>What differs between the ADO.NET providers: connections, session settings and DDL. The DML is shared.</summary>
internal interface IStorageDialect
{
    string Name { get; }

    GroupCommitStorageOptions Options { get; }

    /// <summary>
    /// Run first in every write transaction that appends to the journal (and in every one when group commit is
    /// off), and held until COMMIT: writers in any number of processes then take journal sequences in the order
    /// they commit, so a reader that has seen sequence N never sees a smaller one appear later. Null when the
    /// database already serializes writers (SQLite).
    /// </summary>
    string? SerializeWritersSql { get; }

    /// <summary>Opens a connection with the provider's session settings applied.</summary>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Creates the tables and indexes if they do not exist (idempotent, safe to run concurrently).</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);
}
