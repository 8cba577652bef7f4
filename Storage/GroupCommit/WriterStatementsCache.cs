using System.Data.Common;
using Medisettle.Storage.Dialects;

namespace Medisettle.Storage.GroupCommit;

/// <summary>
/// The group-commit writer's prepared statements (<see cref="BatchCommands"/>), kept from one batch to the next while
/// the writer's connection lives: each batch only hands them its transaction. Preparing them for every batch took a
/// third of the writer's own CPU at 1,000 swipes a second, when batches are small. Used by one thread at a time (the
/// writer's, or a direct write's for its one transaction); disposed before its connection.
/// </summary>
internal sealed class WriterStatementsCache : IAsyncDisposable
{
    private BatchCommands? _commands;

    /// <summary>The statements of <paramref name="connection"/>, prepared on first use, joined to <paramref name="transaction"/>.</summary>
    public async ValueTask<BatchCommands> ForAsync(DbConnection connection, DbTransaction transaction, IStorageDialect dialect, CancellationToken cancellationToken)
    {
        if (_commands is { } cached && ReferenceEquals(cached.Connection, connection))
        {
            cached.Join(transaction);
            return cached;
        }

        await DisposeAsync();
        _commands = await BatchCommands.CreateAsync(connection, transaction, dialect, cancellationToken);
        return _commands;
    }

    /// <summary>The statements last handed out, if any.</summary>
    public BatchCommands? Current => _commands;

    public async ValueTask DisposeAsync()
    {
        if (_commands is { } commands)
        {
            _commands = null;
            await commands.DisposeAsync();
        }
    }
}
