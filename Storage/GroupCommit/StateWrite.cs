using Medisettle.Storage.Journal;

namespace Medisettle.Storage.GroupCommit;

/// <summary>
/// One optimistic write: it applies only if the stored version equals <c>ExpectedVersion</c>
/// (0 = no row yet). A null <c>Payload</c> clears the record (a versioned tombstone stays, so a stale
/// writer still conflicts). <c>Appends</c> join the same transaction. With <c>AppendOnly</c> the row is not written,
/// only checked: the appends commit if the stored version still equals the expected one, and the version stays (the
/// row is the state's checkpoint; the appends carry what changed since). With a <c>Fence</c> the write (of the row, or
/// append-only) also requires that the newest entry of the fence's stream is the fence's last one.
/// </summary>
internal sealed record StateWrite(
    string GrainType,
    string GrainKey,
    string StateName,
    long ExpectedVersion,
    byte[]? Payload,
    IReadOnlyList<JournalAppend> Appends,
    bool AppendOnly = false,
    StreamFence? Fence = null)
{
    /// <summary>The stored version once this write committed.</summary>
    public long VersionAfter => AppendOnly ? ExpectedVersion : checked(ExpectedVersion + 1);

    public string Describe() => $"{GrainType}/{GrainKey} ({StateName})";
}
