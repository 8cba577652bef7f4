using Medisettle.Storage.Compression;

namespace Medisettle.Grains.Signing;

/// <summary>
/// The durable state of a replay-window grain: one bucket and the signatures seen in it, each as its first 128 bits.
/// Stored as JSON, not compressed: it is rewritten with the requests it records and is mostly random bits, which
/// compress little (docs/benchmarks.md, "Issue 12, ninth sitting"); packed as base64 (<see cref="Recorded"/>) it takes
/// 22 characters a signature instead of the 35 of a quoted hex string.
/// </summary>
[UncompressedState]
public sealed class ReplayWindowState
{
    /// <summary>The bucket the signatures belong to (see <c>ReplayWindowKeys.BucketOf</c>); 0 before the first.</summary>
    public long Bucket { get; set; }

    /// <summary>
    /// The signatures, 16 bytes each (<see cref="ReplayWindowGrain.StoredSignatureBytes"/>), concatenated; null when
    /// none. JSON holds them as one base64 string, written straight from the bytes (no UTF-16 copy of it for each write).
    /// </summary>
    public byte[]? Recorded { get; set; }

    /// <summary>
    /// The signatures as 32 lowercase hex characters each: how a slot was stored before <see cref="Recorded"/>. Read
    /// (a slot written then still holds its bucket's signatures), never written.
    /// </summary>
    public List<string>? Signatures { get; set; }
}
