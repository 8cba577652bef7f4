using Medisettle.Grains.PolicyPacks;

namespace Medisettle.Grains;

/// <summary>Options of the settlement grains. Defaults suit a single silo; all are validated at start.</summary>
public sealed class SettlementOptions
{
    /// <summary>Directory of the policy pack JSON files. Default: <c>Packs/</c> beside the binaries.</summary>
    public string PacksDirectory { get; set; } = PolicyPackLoader.DefaultDirectory;

    /// <summary>
    /// How often each silo reads the cluster's activated policy packs in case an activation's push did not reach it
    /// (activations are pushed to every silo at once; this is the fallback). Default 30 s.
    /// </summary>
    public TimeSpan PolicyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Answers a person grain remembers by message id. A cache: settlements and cancels are also found through the
    /// journal's message receipts, however old; only rejections are remembered here alone. Default 16 (it is
    /// part of the person's row, so it is kept small).
    /// </summary>
    public int RecentMessagesMax { get; set; } = 16;

    /// <summary>
    /// Benefit years in which a settlement may still be cancelled: the settlement's year and the next
    /// <c>CancelWindowYears − 1</c>. Older ones are refused with <c>CancelWindowClosed</c>. Default 2.
    /// </summary>
    public int CancelWindowYears { get; set; } = 2;

    /// <summary>
    /// Settlements, cancels and flagged refusals a person grain commits as journal entries alone before it rewrites its
    /// state row (its checkpoint) again; the row is also written when the grain deactivates. After a crash the state is
    /// the checkpoint plus the person's journal entries after it, so this also bounds the entries an activation
    /// replays. 0 writes the row with every settlement. Default 32.
    /// </summary>
    public int PersonCheckpointEvery { get; set; } = 32;

    /// <summary>Journal entries the posting dispatcher reads per pass. Default 4,096.</summary>
    public int DispatchBatchMax { get; set; } = 4096;

    /// <summary>Consumer grains (fund pools, institutions) the posting dispatcher delivers to at once. Default 16.</summary>
    public int DispatchConcurrencyMax { get; set; } = 16;

    /// <summary>
    /// Pause of the posting dispatcher between passes in the background. A pass delivers every posting committed before
    /// it (in pages of <see cref="DispatchBatchMax"/>), so each fund pool and institution is written at most once a pass,
    /// however many settlements it had: its writes follow the number of consumers, not the settlement rate. The fund
    /// pools' and institutions' balances lag the journal by up to this much more than a pass takes; readers that need
    /// every posting applied drain the dispatcher first (<see cref="Interfaces.Grains.IPostingDispatcherGrain.DrainAsync"/>).
    /// Default 1 s.
    /// </summary>
    public TimeSpan DispatchIdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the posting dispatcher runs in the background (tests drive it by hand). Default true.</summary>
    public bool DispatchInBackground { get; set; } = true;

    /// <summary>
    /// How long a silo trusts its cached copy of an institution's profile before asking the institution grain again.
    /// Profile changes are pushed to every silo at once; this only bounds how long a silo that missed a push (it was
    /// unreachable at that moment) can settle on the old profile. Default 30 s; 1 s to 10 min.
    /// </summary>
    public TimeSpan InstitutionCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a replay-window slot (one institution's signatures of one 10-second bucket) stays in memory with no
    /// request: it leaves after between one and two of these without one, and a later request (a replay, or a client
    /// whose clock is behind) reads it back from storage. A slot is busy for its own 10 seconds; kept to the collector's
    /// age instead, each institution held some 60 of them. Default 30 s; 1 s to 10 min.
    /// </summary>
    public TimeSpan ReplaySlotIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an open visit (registered and waiting for its fee lines or its settlement, or reopened by the cancel of
    /// its settlement) stays in memory with no call: it leaves after between one and two of these without one, and its
    /// next call reads it back from storage (one state read). A settled or cancelled visit leaves after its call at
    /// once. Kept to the collector's age instead, the visits reopened by cancels alone were some 10,000 after two minutes
    /// at 1,000 swipes/s. Default 30 s; 1 s to 10 min.
    /// </summary>
    public TimeSpan VisitIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a visit remembers the message id of a change it accepted, so that a repeat of the message is answered
    /// without applying the change again. It must be longer than twice the gateways' <c>ReplayWindow</c>: a request is
    /// accepted while its signed timestamp is within the window of the gateway's clock either way, so a repeat of it can
    /// reach the visit up to twice the window after the first, and later ones are refused as expired before they reach
    /// it. A visit holds at most <see cref="Visits.VisitGrain.MessagesMax"/> of them; a change past that many within this
    /// time is refused (<c>TooManyRecentChanges</c>) rather than forgetting one. Default 15 min (the default window is
    /// 300 s; a silo with its gateway sets it from the gateway's window when that is longer); 1 min to 1 day.
    /// </summary>
    public TimeSpan VisitMessageRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Days of per-day totals an institution keeps. Default 400.</summary>
    public int DailyTotalsDaysMax { get; set; } = 400;

    /// <summary>
    /// Settlement dates for which an institution keeps where their receivable postings lie in the journal, so that 3202
    /// reconciliation of those dates reads only that part of its posting stream (older dates are read from the whole
    /// stream). Default 100, about three months; 1 to 3660. Each date is about 70 bytes of the institution's state.
    /// </summary>
    public int ReceivableDaysMax { get; set; } = 100;

    /// <summary>
    /// Local time of day (at <see cref="BusinessUtcOffset"/>) when the daily close's reminder closes the day before.
    /// Default 00:30; 0 to 23:59:59.
    /// </summary>
    public TimeSpan DailyCloseTime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Local time (at <see cref="BusinessUtcOffset"/>) of the monthly payout's daily reminder tick, which pays last month
    /// once (拨付). Default 01:00, after the daily close; 0 to 23:59:59.
    /// </summary>
    public TimeSpan MonthlyPayoutTime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long after 1 January the year-end jobs (risk reserve) run last year by their reminder, leaving time to record the
    /// year's income (closing the year fixes it). Default 90 days; 0 to 365 days. They tick at <see cref="MonthlyPayoutTime"/>.
    /// </summary>
    public TimeSpan YearEndJobsDelay { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The offset of business days (what "a day" is for the fund jobs). Default +08:00; −14 h to +14 h.</summary>
    public TimeSpan BusinessUtcOffset { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Institutions the daily close knows (those with a receivable posting), and the monthly payout pays. Default 100,000.</summary>
    public int FundJobInstitutionsMax { get; set; } = 100_000;
}
