using Medisettle.Storage.Journal;

namespace Medisettle.Storage.GroupCommit;

/// <summary>
/// The writer's most frequent statements run through a database's own interface instead of ADO.NET (SQLite:
/// <see cref="Dialects.SqliteWriterStatements"/>), on the writer's connection and inside its open transaction. Kept
/// with the writer's other prepared statements (<see cref="BatchCommands"/>) and disposed with them.
/// </summary>
internal interface IWriterStatements : IDisposable
{
    /// <summary>Inserts appends [first, first + rows); false when any of their entry ids already existed (those rows are skipped).</summary>
    bool Insert(IReadOnlyList<JournalAppend> appends, int first, int rows, DateTimeOffset now);

    /// <summary>Whether the state row exists with exactly <paramref name="expected"/> as its version.</summary>
    bool StateVersionIs(string grainType, string grainKey, string stateName, long expected);

    /// <summary>Whether <paramref name="fence"/>'s stream has an entry after the fence's last one (<see cref="StorageSql.StreamHasEntryAfter"/>).</summary>
    bool StreamHasEntryAfter(StreamFence fence);

    /// <summary>Called once a write transaction has begun, before its first write.</summary>
    void BeginTransaction();

    /// <summary>Where the transaction stands before a write, for <see cref="UndoWrite"/> when the write's savepoint is rolled back.</summary>
    int WriteMark { get; }

    /// <summary>The write begun at <paramref name="mark"/> was rolled back to its savepoint.</summary>
    void UndoWrite(int mark);

    /// <summary>Called after the transaction committed.</summary>
    void Committed();

    /// <summary>Called after the transaction was rolled back, or failed, as a whole.</summary>
    void RolledBack();
}
