namespace Medisettle.Gateway;

/// <summary>Gateway settings. Every bound is validated at start (see <see cref="GatewayOptionsValidator"/>).</summary>
public sealed class GatewayOptions
{
    public const string TransactionPath = "/fsi/api/transactions";

    /// <summary>How far a request's signed timestamp may be from the gateway clock, either way. Default 300 s; 1 s to 1 h.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Transactions this gateway works on at once. One more is answered at once with HTTP 503, infcode 9997 and
    /// Retry-After instead of queueing: under overload the accepted ones keep their latency and memory stays bounded.
    /// Default 256; 1 to 100,000. While overloaded the gateway works on fewer (<see cref="AdmissionLatencyTarget"/>):
    /// the bound sets the accepted swipes' wait (about bound ÷ throughput), and a fixed one cannot both absorb bursts at
    /// normal load and keep that wait short under overload (docs/benchmarks.md, "Overload, re-measured").
    /// </summary>
    public int TransactionsInFlightMax { get; set; } = 256;

    /// <summary>The bound <see cref="AdmissionLatencyTarget"/> never takes the limit below (or the max, if lower).</summary>
    public const int TransactionsInFlightMin = 16;

    /// <summary>
    /// The mean time an admitted transaction may take while the gateway is overloaded: when the limit of transactions in
    /// flight is reached and they take longer than this on average, the limit shrinks (down to
    /// <see cref="TransactionsInFlightMin"/>); when they take less than half, it grows back to
    /// <see cref="TransactionsInFlightMax"/>. At normal load the limit is not reached and stays at the max, so bursts
    /// are absorbed; under overload the accepted swipes keep about this time and the rest are refused at once.
    /// Default 5 ms: a mean, while the bound is on the accepted swipes' p99, and an outpatient swipe is two
    /// transactions, an inpatient one several. Measured on 2 cores at 5× capacity, three runs each: accepted outpatient
    /// and inpatient swipes at p99 69–97 ms with 5 ms against 97–138 ms with 10 ms (93–117 ms over all swipes with
    /// 20 ms, 554–563 ms with the fixed bound of 256), the same accepted throughput, and no refusal at two thirds of
    /// capacity (docs/benchmarks.md, "Issue 12, seventh sitting" and "eighth sitting"). 0 keeps a fixed bound of
    /// <see cref="TransactionsInFlightMax"/>; at most 10 s.
    /// </summary>
    public TimeSpan AdmissionLatencyTarget { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Largest accepted request body. Default 1 MiB; 1 KiB to 64 MiB.</summary>
    public int RequestBodyBytesMax { get; set; } = 1024 * 1024;

    /// <summary>
    /// Longest wait for the replay window's answer (a grain call: the window is cluster state). A request whose check
    /// takes longer — its window grain sits on a silo that is frozen and not yet voted dead — is answered 503 with
    /// infcode 9998 ("retry with the same msgid") at once, instead of holding the hospital's connection until the
    /// cluster has voted. Default 2 s; 100 ms to 60 s.
    /// </summary>
    public TimeSpan ReplayCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Signatures a gateway without the settlement grains remembers within the replay window (<c>LocalReplayGuard</c>;
    /// with the grains the window is theirs). Default 1,000,000; when full, new requests get 503.
    /// </summary>
    public int ReplayCacheEntriesMax { get; set; } = 1_000_000;

    /// <summary>Most fee or drug lines in one request (feedetail, drugdetail). Default 1,000; 1 to 100,000.</summary>
    public int FeeLinesMax { get; set; } = 1000;

    /// <summary>Most diagnoses (diseinfo) in one request. Default 50; 1 to 1,000.</summary>
    public int DiagnosesMax { get; set; } = 50;

    /// <summary>Most settlement lines in one 3202 detail reconciliation. Default 5,000; 1 to 1,000,000.</summary>
    public int ReconciliationLinesMax { get; set; } = 5000;

    /// <summary>
    /// Bearer token for the admin API (<c>Authorization: Bearer …</c>). Required, at least
    /// <see cref="AdminTokenLengthMin"/> characters.
    /// </summary>
    public string? AdminToken { get; set; }

    public const int AdminTokenLengthMin = 32;

    /// <summary>UTC offset of the times written on the wire (inf_time, sign_time, respond_time). Default +08:00 (China).</summary>
    public TimeSpan WireUtcOffset { get; set; } = TimeSpan.FromHours(8);
}
