using Medisettle.Storage.Compression;

namespace Medisettle.Grains.Signing;

/// <summary>
/// The durable state of a replay-window grain: one bucket and the signatures seen in it. Stored as JSON, not compressed:
/// it is rewritten with the requests it records and is mostly signature text, which compressed 1.7 times for 14 µs a write
/// (docs/benchmarks.md, "Issue 12, ninth sitting").
/// </summary>
[UncompressedState]
public sealed class ReplayWindowState
{
    /// <summary>The bucket the signatures belong to (see <c>ReplayWindowKeys.BucketOf</c>); 0 before the first.</summary>
    public long Bucket { get; set; }

    /// <summary>The first 128 bits of each signature, as 32 lowercase hex characters.</summary>
    public HashSet<string> Signatures { get; set; } = new(StringComparer.Ordinal);
}
