using System.Diagnostics.Metrics;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Diagnostics;

/// <summary>
/// The settlement grains' instruments on the <see cref="MeterName"/> meter: amounts paid per fund (fen, counted once
/// per committed settlement, and per reversal with <c>status</c> "reversed"), refusals by reason, control-rule flags,
/// their reviews and institution alerts, the replay-window slots' writes, and the posting dispatcher's journal lag
/// (reported by the silo that hosts the dispatcher).
/// </summary>
public sealed class SettlementMetrics
{
    public const string MeterName = "Medisettle";

    /// <summary>The <c>fund</c> tag of the personal account (个人账户), which is not a <see cref="FundType"/>.</summary>
    public const string PersonalAccount = "personal_account";

    private static readonly FundType[] Funds = Enum.GetValues<FundType>();

    private readonly Counter<long> _paidFen;
    private readonly Counter<long> _settlements;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _flags;
    private readonly Counter<long> _flagsResolved;
    private readonly Counter<long> _alerts;
    private readonly Counter<long> _replayed;
    private readonly Histogram<double> _replayDuration;
    private readonly Counter<long> _replayWindowWrites;
    private JournalLag? _lag;

    public SettlementMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _paidFen = meter.CreateCounter<long>(
            "medisettle.settlement.paid", "fen", "Amounts paid by committed settlements (status settled) and given back by reversals (status reversed), per fund.");
        _settlements = meter.CreateCounter<long>(
            "medisettle.settlement.committed", "{settlement}", "Settlements committed (settled) and reversed (cancelled).");
        _rejected = meter.CreateCounter<long>(
            "medisettle.settlement.rejected", "{settlement}", "Settlements refused by the rules or checks, by reason (the rejection code); retries answered from the first answer are not counted again.");
        _flags = meter.CreateCounter<long>(
            "medisettle.control.flags", "{flag}", "Control-rule flags committed for review, by rule and action (flag: settled and flagged; refuse: refused and flagged); counted once per flag, never for a retry.");
        _flagsResolved = meter.CreateCounter<long>(
            "medisettle.control.flags.resolved", "{flag}", "Flags resolved by a review, by rule and decision (confirmed, dismissed); counted once per flag.");
        _alerts = meter.CreateCounter<long>(
            "medisettle.control.alerts", "{alert}", "Alerts raised on institutions, by rule (agreed_disease_ratio); counted once per alert.");
        _replayed = meter.CreateCounter<long>(
            "medisettle.person.replayed", "{entry}", "Journal entries person grains applied again after their checkpoint when their state was read (after a crash, or after a reload; 0 after a clean deactivation).");
        _replayDuration = meter.CreateHistogram<double>(
            "medisettle.person.replay.duration",
            "s",
            "Time an enrolled person's state read spent reading and applying its journal after the checkpoint (its recovery), per read.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        _replayWindowWrites = meter.CreateCounter<long>(
            "medisettle.replay_window.writes",
            "{write}",
            "Committed writes of replay-window slots, by reason: confirm (requests whose repeat could still change something, such as refusals, waited for it before their answer; one write carries all that queued) or leave (a slot wrote the signatures it held in memory only as it left memory).");
        meter.CreateObservableGauge(
            "medisettle.journal.lag", () => _lag is { } lag ? [new Measurement<long>(lag.Entries)] : Array.Empty<Measurement<long>>(),
            "{entry}", "Journal entries committed but not yet delivered by the posting dispatcher (its position against the journal head).");
    }

    /// <summary>The last lag the dispatcher measured on this silo (null when it runs elsewhere).</summary>
    public JournalLag? LastLag => Volatile.Read(ref _lag);

    public static string FundTag(FundType fund) => fund switch
    {
        FundType.BasicPooled => "basic_pooled",
        FundType.LargeAmount => "large_amount",
        FundType.CriticalIllness => "critical_illness",
        FundType.MedicalAssistance => "medical_assistance",
        _ => fund.ToString(),
    };

    public void OnSettled(SettlementBreakdown breakdown) => Count(breakdown, "settled");

    public void OnReversed(SettlementBreakdown breakdown) => Count(breakdown, "reversed");

    public void OnRejected(RejectionCode code) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", code.ToString()));

    public void OnFlagged(ControlRule rule, ControlAction action) =>
        _flags.Add(1, new KeyValuePair<string, object?>("rule", RuleTag(rule)), new KeyValuePair<string, object?>("action", action == ControlAction.Refuse ? "refuse" : "flag"));

    public void OnFlagResolved(ControlRule rule, FlagDecision decision) =>
        _flagsResolved.Add(1, new KeyValuePair<string, object?>("rule", RuleTag(rule)), new KeyValuePair<string, object?>("decision", decision == FlagDecision.Confirmed ? "confirmed" : "dismissed"));

    /// <summary>A person's state was read: <paramref name="entries"/> applied again after its checkpoint in <paramref name="elapsed"/>.</summary>
    public void OnReplayed(int entries, TimeSpan elapsed)
    {
        if (entries > 0)
        {
            _replayed.Add(entries);
        }

        _replayDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>A replay-window slot committed a write: as it left memory (<paramref name="leaving"/>), else for confirmations.</summary>
    public void OnReplayWindowWrite(bool leaving) =>
        _replayWindowWrites.Add(1, new KeyValuePair<string, object?>("reason", leaving ? "leave" : "confirm"));

    public void OnAlert(ControlRule rule) => _alerts.Add(1, new KeyValuePair<string, object?>("rule", RuleTag(rule)));

    /// <summary>The <c>rule</c> tag: the rule name in snake case (<c>duplicate_purchase</c>).</summary>
    public static string RuleTag(ControlRule rule) => rule switch
    {
        ControlRule.LongPrescription => "long_prescription",
        ControlRule.NonInsuredGoods => "non_insured_goods",
        ControlRule.ItemSwapping => "item_swapping",
        ControlRule.DuplicatePurchase => "duplicate_purchase",
        ControlRule.PersonVelocity => "person_velocity",
        ControlRule.AgreedDiseaseRatio => "agreed_disease_ratio",
        _ => rule.ToString(),
    };

    public void OnJournalLag(JournalLag lag) => Volatile.Write(ref _lag, lag);

    private void Count(SettlementBreakdown breakdown, string status)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        var statusTag = new KeyValuePair<string, object?>("status", status);
        _settlements.Add(1, statusTag);
        foreach (var fund in Funds)
        {
            var fen = breakdown.FundsPaid[fund].Fen;
            if (fen != 0)
            {
                _paidFen.Add(fen, new KeyValuePair<string, object?>("fund", FundTag(fund)), statusTag);
            }
        }

        if (breakdown.AccountPaid.Fen != 0)
        {
            _paidFen.Add(breakdown.AccountPaid.Fen, new KeyValuePair<string, object?>("fund", PersonalAccount), statusTag);
        }
    }
}
