namespace Medisettle.LoadTest.Targets;

/// <summary>
/// A request body that may be sent more than once: a retry re-sends the settle body byte for byte (same msgid, so the
/// service answers with its first answer). The signature covers timestamp, institution and body only
/// (<see cref="Interfaces.Platform.RequestSigner"/>), so two sends of one body in the same millisecond would carry the
/// same signature, which the gateway's replay cache rightly refuses. Each send therefore gets a signing timestamp
/// strictly later than the previous send of this body: now, or one millisecond after the last one. Thread-safe.
/// </summary>
public sealed class SignedBody(byte[] bytes)
{
    private long _lastSignedAtMilliseconds = long.MinValue;

    public byte[] Bytes { get; } = bytes ?? throw new ArgumentNullException(nameof(bytes));

    /// <summary>The timestamp to sign the next send with: <paramref name="now"/>, moved on past every earlier send of this body.</summary>
    public DateTimeOffset NextSigningTime(DateTimeOffset now)
    {
        var wanted = now.ToUnixTimeMilliseconds();
        var last = Interlocked.Read(ref _lastSignedAtMilliseconds);
        while (true)
        {
            var next = Math.Max(wanted, last + 1);
            var seen = Interlocked.CompareExchange(ref _lastSignedAtMilliseconds, next, last);
            if (seen == last)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(next);
            }

            last = seen;
        }
    }
}
