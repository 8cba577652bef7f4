using Orleans.Storage;

namespace Medisettle.Storage.Hosting;

/// <summary>Group-commit settings shared by the SQLite and PostgreSQL storage.</summary>
public abstract class GroupCommitStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>
    /// Gather concurrent writes into one transaction. When false every write runs its own transaction on a
    /// pooled connection (the comparison of the benchmark). Default true.
    /// </summary>
    public bool GroupCommitEnabled { get; set; } = true;

    /// <summary>
    /// After the first write of a batch arrives, wait up to this long for more (real time, not the injected
    /// clock; the last wait is rounded up to a whole millisecond, the timers' unit). Zero, the default, commits at once
    /// whatever queued while the previous commit ran. A window trades latency for CPU: over HTTP at 1,000 swipes/s, 1 ms
    /// made 13 writes a transaction instead of 2, cut the writer's CPU by half and the silo's by a fifth, and doubled p50
    /// (docs/benchmarks.md, "Issue 12, thirteenth sitting").
    /// </summary>
    public TimeSpan GroupCommitWindow { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Most writes in one transaction. Default 4,096. Batches are only this large when writes queue faster than the
    /// writer commits; then fewer, larger transactions write each hot page (the right edges of the journal's indexes,
    /// the institutions' posting streams) once per commit instead of once per 256 writes (docs/benchmarks.md,
    /// "Issue 12, eighth sitting").
    /// </summary>
    public int GroupCommitBatchMax { get; set; } = 4_096;

    /// <summary>
    /// Store grain states compressed with the payload dictionary (<see cref="Compression.PayloadCodec"/>): a person's state
    /// of a few KB takes a fraction of that. Reads take both forms, so it can be turned off and on over one database.
    /// Default true.
    /// </summary>
    public bool CompressStatePayloads { get; set; } = true;

    /// <summary>
    /// Store journal payloads compressed with the payload dictionary (<see cref="Compression.PayloadCodec"/>): a
    /// settlement record of about 3 KB of JSON is stored in about a tenth of that, and the WAL and the disk write that
    /// much less. Readers take both forms, so it can be turned off and on over one database. On PostgreSQL it takes a
    /// journal whose <c>payload</c> column is <c>bytea</c>, as every journal this version creates; a journal created
    /// before, with a <c>text</c> column, keeps its payloads as text. Default true.
    /// </summary>
    public bool CompressJournalPayloads { get; set; } = true;

    /// <summary>Writes waiting for the writer loop; callers beyond it wait (back-pressure). Default 65,536.</summary>
    public int WriteQueueCapacityMax { get; set; } = 65_536;

    /// <summary>
    /// How grain state is turned into bytes. Default: System.Text.Json (web defaults, enums as names), which
    /// ignores unknown members and leaves missing ones at their defaults, so fields can be added to a state class.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    internal void Validate(string optionsName, List<string> failures)
    {
        if (GroupCommitWindow < TimeSpan.Zero || GroupCommitWindow > TimeSpan.FromSeconds(1))
        {
            failures.Add($"{optionsName}.GroupCommitWindow must be between 0 and 1 s; it is {GroupCommitWindow}.");
        }

        if (GroupCommitBatchMax is < 1 or > 10_000)
        {
            failures.Add($"{optionsName}.GroupCommitBatchMax must be between 1 and 10,000; it is {GroupCommitBatchMax}.");
        }

        if (WriteQueueCapacityMax < 1)
        {
            failures.Add($"{optionsName}.WriteQueueCapacityMax must be at least 1; it is {WriteQueueCapacityMax}.");
        }
    }
}
