using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Medisettle.Storage.Journal;
using Orleans.Concurrency;

namespace Medisettle.Grains.Signing;

/// <summary>
/// One slot of an institution's replay window (see <see cref="ReplayWindowKeys"/>). A newer bucket replaces the
/// slot's signatures (the old bucket has left the window); an older one is refused as expired. Bounded by
/// <see cref="SignaturesMax"/>: when full, new requests are refused rather than a signature forgotten.
/// </summary>
/// <remarks>
/// Reentrant so that the requests of a busy institution share writes (<see cref="WriteCoalescer"/>): while one write
/// of the slot is being committed, the signatures recorded meanwhile wait for the next write, which carries all of
/// them. Each request is still answered <see cref="ReplayVerdict.Recorded"/> only after a write holding its signature
/// has committed, and only one write of the slot is in flight at a time (its ETag stays in order). Without this the slot took one
/// commit per request, one after another, so an institution could send at most one request per commit time.
/// Checking and recording a signature happen in one turn, before any await, so interleaved calls never both record it.
/// </remarks>
[Reentrant]
public sealed class ReplayWindowGrain([PersistentState("replay")] IPersistentState<ReplayWindowState> state) : Grain, IReplayWindowGrain
{
    /// <summary>Most signatures per institution and 10-second bucket (2,000 requests a second, sustained).</summary>
    public const int SignaturesMax = 20_000;

    /// <summary>Hex characters kept of each signature (128 bits: no collision in any window, and a smaller row).</summary>
    public const int StoredSignatureLength = 32;

    private readonly WriteCoalescer _writes = new(() => state.WriteOrReloadAsync());

    private ReplayWindowState S => state.State;

    public async Task<ReplayVerdict> RecordAsync(long bucket, string signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(signature);
        ArgumentOutOfRangeException.ThrowIfLessThan(signature.Length, StoredSignatureLength, nameof(signature));
        if (bucket < S.Bucket)
        {
            return ReplayVerdict.Expired;
        }

        var stored = signature[..StoredSignatureLength].ToLowerInvariant();
        if (bucket == S.Bucket)
        {
            if (S.Signatures.Contains(stored))
            {
                return ReplayVerdict.Replay;
            }

            if (S.Signatures.Count >= SignaturesMax)
            {
                return ReplayVerdict.Full;
            }
        }
        else
        {
            S.Bucket = bucket;
            S.Signatures.Clear();
        }

        S.Signatures.Add(stored);
        await _writes.WriteAsync();
        return ReplayVerdict.Recorded;
    }
}
