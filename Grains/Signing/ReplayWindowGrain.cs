using System.Buffers;
using System.Buffers.Binary;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.Options;
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
public sealed class ReplayWindowGrain : Grain, IReplayWindowGrain
{
    /// <summary>Most signatures per institution and 10-second bucket (2,000 requests a second, sustained).</summary>
    public const int SignaturesMax = 20_000;

    /// <summary>Hex characters kept of each signature (128 bits: no collision in any window, and a smaller row).</summary>
    public const int StoredSignatureLength = 32;

    /// <summary>Bytes kept of each signature (<see cref="StoredSignatureLength"/> hex characters).</summary>
    public const int StoredSignatureBytes = StoredSignatureLength / 2;

    private readonly WriteCoalescer _writes;

    /// <summary>The bucket's signatures, as kept; the state's <see cref="ReplayWindowState.Recorded"/> is made of them before each write.</summary>
    private readonly HashSet<UInt128> _seen = [];

    private readonly IPersistentState<ReplayWindowState> _state;

    private readonly TimeSpan _idleTimeout;

    private IdleLeave? _idle;

    public ReplayWindowGrain([PersistentState("replay")] IPersistentState<ReplayWindowState> state, IOptions<SettlementOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _writes = new WriteCoalescer(WriteAsync);
        _idleTimeout = options.Value.ReplaySlotIdleTimeout;
    }

    private ReplayWindowState S => _state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Load();
        // A slot is busy for its bucket's 10 seconds; after that its state is on disk for a late request or a replay.
        // Each slot leaves on a timer of its own (SettlementOptions.ReplaySlotIdleTimeout), not in the collector's
        // once-a-minute sweep, whose bursts showed in the latency.
        _idle = IdleLeave.Start(this, _idleTimeout);
        return Task.CompletedTask;
    }

    public async Task<ReplayVerdict> RecordAsync(long bucket, string signature)
    {
        _idle?.Called();
        ArgumentException.ThrowIfNullOrEmpty(signature);
        ArgumentOutOfRangeException.ThrowIfLessThan(signature.Length, StoredSignatureLength, nameof(signature));
        var stored = Parse(signature.AsSpan(0, StoredSignatureLength))
            ?? throw new ArgumentException($"A signature must start with {StoredSignatureLength} hex characters.", nameof(signature));
        if (bucket < S.Bucket)
        {
            return ReplayVerdict.Expired;
        }

        if (bucket == S.Bucket)
        {
            if (_seen.Contains(stored))
            {
                return ReplayVerdict.Replay;
            }

            if (_seen.Count >= SignaturesMax)
            {
                return ReplayVerdict.Full;
            }
        }
        else
        {
            S.Bucket = bucket;
            _seen.Clear();
        }

        _seen.Add(stored);
        await _writes.WriteAsync();
        return ReplayVerdict.Recorded;
    }

    /// <summary>Packs the signatures into the state, then writes it (or, on a conflict, reloads it and what it holds).</summary>
    private async Task WriteAsync()
    {
        var packed = new byte[_seen.Count * StoredSignatureBytes];
        var at = 0;
        foreach (var signature in _seen)
        {
            BinaryPrimitives.WriteUInt128BigEndian(packed.AsSpan(at), signature);
            at += StoredSignatureBytes;
        }

        S.Recorded = packed.Length == 0 ? null : packed;
        S.Signatures = null;
        try
        {
            await _state.WriteOrReloadAsync();
        }
        catch
        {
            Load(); // the state was reloaded: another activation's, and what it holds is what counts
            throw;
        }
    }

    /// <summary>The state's signatures, in either stored form, into <see cref="_seen"/>.</summary>
    private void Load()
    {
        _seen.Clear();
        foreach (var hex in S.Signatures ?? [])
        {
            if (Parse(hex) is { } signature)
            {
                _seen.Add(signature);
            }
        }

        if (S.Recorded is { } packed)
        {
            for (var at = 0; at + StoredSignatureBytes <= packed.Length; at += StoredSignatureBytes)
            {
                _seen.Add(BinaryPrimitives.ReadUInt128BigEndian(packed.AsSpan(at)));
            }
        }
    }

    private static UInt128? Parse(ReadOnlySpan<char> hex)
    {
        Span<byte> bytes = stackalloc byte[StoredSignatureBytes];
        return hex.Length == StoredSignatureLength
            && Convert.FromHexString(hex, bytes, out _, out var written) == OperationStatus.Done
            && written == StoredSignatureBytes
                ? BinaryPrimitives.ReadUInt128BigEndian(bytes)
                : null;
    }
}
