using System.Globalization;

namespace Medisettle.Gateway.Pipeline;

/// <summary>inf_refmsgid: "MS" + yyyyMMddHHmmssfff + an 8-digit per-process sequence (27 characters).</summary>
internal sealed class RefmsgidGenerator
{
    private const long SequenceModulus = 100_000_000;
    private long _sequence;

    public string Next(DateTimeOffset at)
    {
        var next = Interlocked.Increment(ref _sequence) % SequenceModulus;
        return string.Create(CultureInfo.InvariantCulture, $"MS{at:yyyyMMddHHmmssfff}{next:D8}");
    }
}
