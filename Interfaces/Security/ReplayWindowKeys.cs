using System.Globalization;

namespace Medisettle.Interfaces.Security;

/// <summary>
/// How signatures are spread over replay-window grains: by institution and by the 10-second bucket of the signed
/// timestamp, on a ring of slots per institution. A replayed request carries the same signed timestamp, so it lands
/// on the grain that recorded the original. The ring has enough slots that a slot is reused only after every
/// timestamp of its previous bucket has left the window (±window), so the stored rows stay bounded.
/// </summary>
public static class ReplayWindowKeys
{
    /// <summary>Width of one time bucket.</summary>
    public static readonly TimeSpan BucketDuration = TimeSpan.FromSeconds(10);

    /// <summary>The bucket of a unix-millisecond timestamp (timestamps are never negative).</summary>
    public static long BucketOf(long timestampMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampMilliseconds);
        return timestampMilliseconds / (long)BucketDuration.TotalMilliseconds;
    }

    /// <summary>Slots per institution: the buckets a ±<paramref name="window"/> spans, plus two.</summary>
    public static int SlotCount(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return checked((int)(2 * window.Ticks / BucketDuration.Ticks) + 2);
    }

    /// <summary>The grain key of <paramref name="institution"/>'s bucket: <c>{institution}/{slot}</c>.</summary>
    public static string GrainKey(string institution, long bucket, TimeSpan window)
    {
        ArgumentException.ThrowIfNullOrEmpty(institution);
        return string.Create(CultureInfo.InvariantCulture, $"{institution}/{bucket % SlotCount(window)}");
    }
}
