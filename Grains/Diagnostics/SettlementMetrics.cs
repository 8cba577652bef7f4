using System.Diagnostics.Metrics;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Diagnostics;

/// <summary>
/// The settlement grains' instruments on the <see cref="MeterName"/> meter: amounts paid per fund (fen, counted once
/// per committed settlement, and per reversal with <c>status</c> "reversed") and the posting dispatcher's journal lag (reported by the silo
/// that hosts the dispatcher).
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
