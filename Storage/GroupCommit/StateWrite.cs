using Medisettle.Storage.Journal;

namespace Medisettle.Storage.GroupCommit;

/// <summary>
/// One optimistic write: it applies only if the stored version equals <paramref name="ExpectedVersion"/>
/// (0 = no row yet). A null <paramref name="Payload"/> clears the record (a versioned tombstone stays, so a stale
/// writer still conflicts). <paramref name="Appends"/> join the same transaction.
/// </summary>
internal sealed record StateWrite(
    string GrainType,
    string GrainKey,
    string StateName,
    long ExpectedVersion,
    byte[]? Payload,
    IReadOnlyList<JournalAppend> Appends)
{
    public string Describe() => $"{GrainType}/{GrainKey} ({StateName})";
}
