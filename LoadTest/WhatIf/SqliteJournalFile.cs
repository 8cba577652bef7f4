using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Medisettle.LoadTest.WhatIf;

/// <summary>
/// Reads the journal of a silo's SQLite database file offline, read-only (<c>Mode=ReadOnly</c>: nothing can be
/// written, the schema is not created), while the silo may keep running (WAL readers do not block the writer).
/// </summary>
internal sealed class SqliteJournalFile(string path)
{
    public const int PageSizeMax = 10_000;

    /// <summary>Entries of the person streams (settlements, cancels) above <paramref name="afterSequence"/>, oldest first.</summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadPersonEntriesAsync(long afterSequence, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, stream, entry_id, payload, created_at FROM journal "
            + "WHERE sequence > $after AND substr(stream, 1, 7) = 'person:' ORDER BY sequence LIMIT $count";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$count", PageSizeMax);
        var entries = new List<JournalEntry>(PageSizeMax);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new JournalEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return entries;
    }

    /// <summary>The highest sequence in the journal (0 when empty).</summary>
    public async Task<long> ReadHeadSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM journal";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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
