using Medisettle.Runtime.Journal;

namespace Medisettle.Runtime.Storage;

/// <summary>
/// One optimistic write: succeeds only if the stored version equals <paramref name="ExpectedVersion"/>
/// (0 = no row yet). A null <paramref name="Payload"/> clears the record. <paramref name="Appends"/> join the
/// same transaction.
/// </summary>
public sealed record GrainStateWrite(
    GrainId GrainId,
    string StateName,
    int Partition,
    long ExpectedVersion,
    string? Payload,
    IReadOnlyList<JournalAppend> Appends);
