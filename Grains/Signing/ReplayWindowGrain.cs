using System.Buffers;
using System.Buffers.Binary;
using Medisettle.Grains.Diagnostics;
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
/// <para>
/// A signature is checked and recorded in memory in one turn, before any await, so interleaved calls never both
/// record it, and the verdict needs no write (<see cref="RecordAsync"/>). The signatures reach the database with the
/// slot's next write: a <see cref="ConfirmAsync"/>, which the gateway awaits before answering a request whose repeat
/// could still change something, or the write the slot makes when it leaves memory (<see cref="OnDeactivateAsync"/>).
/// A request whose success committed under its msgid is not confirmed: a repeat of it is answered from that commit and
/// changes nothing, so only a silo that stops without deactivating its grains can forget its signature, and then a
/// replay of it gets the first answer instead of a refusal. Before, every request waited for a write of its slot
/// before it was processed: about 2.4 writes a swipe over HTTP (docs/benchmarks.md, "Issue 12, eighteenth sitting").
/// </para>
/// <para>
/// Reentrant so that confirmations share writes (<see cref="WriteCoalescer"/>): while one write of the slot is being
/// committed, the signatures recorded meanwhile wait for the next write, which carries all of them, and only one
/// write of the slot is in flight at a time (its ETag stays in order). A confirmation of a signature that a write
/// already holds, committed or in flight, writes nothing: it waits for that write.
/// </para>
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

    private readonly SettlementMetrics _metrics;

    /// <summary>Whether <see cref="_seen"/> holds a signature no committed write holds.</summary>
    private bool _unwritten;

    /// <summary>Whether the slot is leaving memory (its writes are then counted as such).</summary>
    private bool _leaving;

    public ReplayWindowGrain(
        [PersistentState("replay")] IPersistentState<ReplayWindowState> state, IOptions<SettlementOptions> options, SettlementMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _metrics = metrics;
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

    public Task<ReplayVerdict> RecordAsync(long bucket, string signature)
    {
        _idle?.Called();
        var stored = Stored(signature);
        if (bucket < S.Bucket)
        {
            return Task.FromResult(ReplayVerdict.Expired);
        }

        if (bucket == S.Bucket)
        {
            if (_seen.Contains(stored))
            {
                return Task.FromResult(ReplayVerdict.Replay);
            }

            if (_seen.Count >= SignaturesMax)
            {
                return Task.FromResult(ReplayVerdict.Full);
            }
        }
        else
        {
            StartBucket(bucket);
        }

        _seen.Add(stored);
        _unwritten = true;
        return Task.FromResult(ReplayVerdict.Recorded);
    }

    public async Task ConfirmAsync(long bucket, string signature)
    {
        _idle?.Called();
        var stored = Stored(signature);
        if (bucket < S.Bucket)
        {
            return; // left the window: the gateway accepts no timestamp of it any more
        }

        if (bucket > S.Bucket)
        {
            StartBucket(bucket);
        }

        if (_seen.Add(stored))
        {
            _unwritten = true;
        }

        // With nothing unwritten, the signature is in a committed write or in the one in flight: wait for that, and
        // write nothing (a write of the slot carries all its signatures, up to SignaturesMax of them).
        await (_unwritten ? _writes.WriteAsync() : _writes.Pending);
    }

    /// <summary>Writes what only memory holds before the slot leaves it, so a replay after is still refused.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unwritten)
        {
            _leaving = true;
            await _writes.WriteAsync();
        }
    }

    private void StartBucket(long bucket)
    {
        S.Bucket = bucket;
        _seen.Clear();
    }

    private static UInt128 Stored(string signature)
    {
        ArgumentException.ThrowIfNullOrEmpty(signature);
        ArgumentOutOfRangeException.ThrowIfLessThan(signature.Length, StoredSignatureLength, nameof(signature));
        return Parse(signature.AsSpan(0, StoredSignatureLength))
            ?? throw new ArgumentException($"A signature must start with {StoredSignatureLength} hex characters.", nameof(signature));
    }

    /// <summary>
    /// Packs the signatures into the state, then writes it. On a failure the stored state is reloaded (another
    /// activation's, perhaps), and the signatures this activation recorded for the same or a later bucket stay with it:
    /// their requests may be in flight, and a replay of one must still be refused. After a version conflict Orleans
    /// deactivates the activation (its call threw <c>InconsistentStateException</c>), whose write on leaving then holds
    /// the other writer's signatures and these together.
    /// </summary>
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
        _unwritten = false;
        var bucket = S.Bucket;
        try
        {
            await _state.WriteOrReloadAsync();
            _metrics.OnReplayWindowWrite(_leaving);
        }
        catch
        {
            var held = _seen.ToList();
            Load();
            if (S.Bucket <= bucket)
            {
                if (S.Bucket < bucket)
                {
                    StartBucket(bucket);
                }

                _seen.UnionWith(held);
                _unwritten = true;
            }

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
