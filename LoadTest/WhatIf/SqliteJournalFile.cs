using System.Globalization;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Medisettle.LoadTest.WhatIf;

/// <summary>
/// Reads the journal of a silo's SQLite database file offline, read-only (<c>Mode=ReadOnly</c>: nothing can be
/// written, the schema is not created), while the silo may keep running (WAL readers do not block the writer).
/// One writer commits in sequence order, so the head is also the safe point.
/// </summary>
internal sealed class SqliteJournalFile(string path) : IWhatIfJournal
{
    public async Task<WhatIfJournalBounds> OpenAsync(CancellationToken cancellationToken)
    {
        var head = await ReadHeadSequenceAsync(cancellationToken);
        return new WhatIfJournalBounds(head, head);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadPersonEntriesAsync(long afterSequence, long upToSequence, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, stream, entry_id, payload, created_at FROM journal "
            + "WHERE sequence > $after AND sequence <= $upTo AND substr(stream, 1, 7) = 'person:' ORDER BY sequence LIMIT $count";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$upTo", upToSequence);
        command.Parameters.AddWithValue("$count", IWhatIfJournal.PageSizeMax);
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(JournalEntry.FromRow(reader));
        }

        return entries;
    }

    /// <summary>The highest sequence in the journal (0 when empty).</summary>
    public async Task<long> ReadHeadSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM journal";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Nothing held between reads: each read opens a connection of its own.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--db '{path}' does not exist.", path);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
