using System.Data;
using System.Data.Common;

namespace Medisettle.Storage.GroupCommit;

/// <summary>The statements shared by SQLite and PostgreSQL (both accept <c>@name</c> parameters and <c>ON CONFLICT</c>).</summary>
internal static class StorageSql
{
    public const string ReadState =
        "SELECT version, payload FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name";

    public const string InsertState =
        "INSERT INTO grain_state (grain_type, grain_key, state_name, version, payload, updated_at) " +
        "VALUES (@type, @key, @name, 1, @payload, @now) ON CONFLICT DO NOTHING";

    public const string UpdateState =
        "UPDATE grain_state SET version = @version, payload = @payload, updated_at = @now " +
        "WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @expected";

    /// <summary>
    /// The check of an append-only write (<see cref="StateWrite.AppendOnly"/>): one row when the stored version is still
    /// the expected one, none otherwise; <paramref name="rowLock"/> is the dialect's <c>RowLock</c>.
    /// </summary>
    public static string StateVersionIs(string rowLock) =>
        "SELECT 1 FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @expected" + rowLock;

    /// <summary>
    /// A row when a stream has an entry after a given one (<see cref="Journal.StreamFence"/>; a null <c>@last</c>: any
    /// entry); uses the unique entry-id index, then the (stream, sequence) index.
    /// </summary>
    public const string StreamHasEntryAfter =
        "SELECT 1 FROM journal WHERE stream = @stream AND sequence > COALESCE((SELECT sequence FROM journal WHERE entry_id = @last), 0) LIMIT 1";

    /// <summary>Parameters per journal row in <see cref="InsertJournalRows"/>.</summary>
    public const int JournalParametersPerRow = 5;

    /// <summary>
    /// One INSERT of <paramref name="rows"/> journal rows (parameters <c>@s{i} @e{i} @d{i} @n{i} @a{i}</c>, the last the
    /// second stream or null); a row whose entry id exists is skipped.
    /// </summary>
    public static string InsertJournalRows(int rows)
    {
        var values = Enumerable.Range(0, rows).Select(i => $"(@s{i}, @e{i}, @d{i}, @n{i}, @a{i})");
        return "INSERT INTO journal (stream, entry_id, payload, created_at, also_stream) VALUES " + string.Join(", ", values) +
            " ON CONFLICT (entry_id) DO NOTHING";
    }

    /// <summary>
    /// Inserts one journal row (parameters as row 0 of <see cref="InsertJournalRows"/>) unless its entry id exists among
    /// the journal's rows or its entries found by id only (<see cref="Journal.JournalAppend.UniqueAmongKeyedEntries"/>).
    /// </summary>
    public const string InsertJournalRowUnlessKeyed =
        "INSERT INTO journal (stream, entry_id, payload, created_at, also_stream) SELECT @s0, @e0, @d0, @n0, @a0 " +
        "WHERE NOT EXISTS (SELECT 1 FROM journal_key WHERE entry_id = @e0) ON CONFLICT (entry_id) DO NOTHING";

    public const string EntryExists = "SELECT 1 FROM journal WHERE entry_id = @id UNION ALL SELECT 1 FROM journal_key WHERE entry_id = @id";

    /// <summary>
    /// Inserts one entry found by id only (<see cref="Journal.JournalAppend.FoundByIdOnly"/>; parameters <c>@e0 @d0 @n0</c>);
    /// nothing when its id exists among them or among the journal's own entries.
    /// </summary>
    public const string InsertKeyedEntry =
        "INSERT INTO journal_key (entry_id, payload, created_at) SELECT @e0, @d0, @n0 " +
        "WHERE NOT EXISTS (SELECT 1 FROM journal WHERE entry_id = @e0) ON CONFLICT (entry_id) DO NOTHING";

    /// <summary>An entry found by id only, in the journal's columns: no sequence (0), no stream (empty), no second stream.</summary>
    public const string FindKeyedEntry = "SELECT CAST(0 AS BIGINT), '', entry_id, payload, created_at, NULL FROM journal_key WHERE entry_id = @entry";

    private const string Columns = "sequence, stream, entry_id, payload, created_at, also_stream";

    private const string JournalColumns = "SELECT " + Columns + " FROM journal ";

    /// <summary>The entries a stream's own writer wrote in it, after a sequence and up to <c>@safe</c>.</summary>
    public const string ReadOwnJournalStream =
        JournalColumns + "WHERE stream = @stream AND sequence > @after AND sequence <= @safe ORDER BY sequence LIMIT @count";

    /// <summary>
    /// The entries read in a stream: its own and those naming it as their second stream, each taken from its own index
    /// in sequence order and merged (an OR of the two would collect every match before sorting).
    /// </summary>
    public const string ReadJournalStream =
        "SELECT " + Columns + " FROM (" + ReadOwnJournalStream + ") AS own UNION ALL " +
        "SELECT " + Columns + " FROM (" + JournalColumns + "WHERE also_stream = @stream AND sequence > @after AND sequence <= @safe ORDER BY sequence LIMIT @count) AS also " +
        "ORDER BY sequence LIMIT @count";

    /// <summary>An entry and the entries of its stream after it (none when the entry does not exist).</summary>
    public const string ReadJournalStreamFromEntry =
        JournalColumns + "WHERE stream = @stream AND sequence >= (SELECT sequence FROM journal WHERE entry_id = @entry) ORDER BY sequence LIMIT @count";

    public const string ReadJournalAll =
        JournalColumns + "WHERE sequence > @after AND sequence <= @safe ORDER BY sequence LIMIT @count";

    /// <summary>Entries whose stream or second stream starts with a prefix, after a sequence and up to the safe point.</summary>
    public const string ReadJournalByStreamPrefix =
        JournalColumns + "WHERE sequence > @after AND sequence <= @safe " +
        "AND (substr(stream, 1, @prefixLength) = @prefix OR substr(also_stream, 1, @prefixLength) = @prefix) ORDER BY sequence LIMIT @count";

    /// <summary>
    /// Entries whose stream or second stream starts with any of <paramref name="prefixes"/> prefixes (parameters <c>@p{i}</c>,
    /// <c>@l{i}</c> its length), after a sequence and up to the safe point; an entry in two of them is read once.
    /// </summary>
    public static string ReadJournalByStreamPrefixes(int prefixes) =>
        JournalColumns + "WHERE sequence > @after AND sequence <= @safe AND (" +
        string.Join(" OR ", Enumerable.Range(0, prefixes).Select(i => $"substr(stream, 1, @l{i}) = @p{i} OR substr(also_stream, 1, @l{i}) = @p{i}")) +
        ") ORDER BY sequence LIMIT @count";

    /// <summary>The entries at the sequences <c>@q0</c> to <c>@q{count - 1}</c>, each found by its key, oldest first.</summary>
    public static string ReadJournalAt(int count) =>
        JournalColumns + "WHERE sequence IN (" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"@q{i}")) + ") ORDER BY sequence";

    public const string ReadJournalHead = "SELECT COALESCE(MAX(sequence), 0) FROM journal";

    public const string FindJournalEntry = JournalColumns + "WHERE entry_id = @entry";

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    public static void Add(this DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
