using System.Diagnostics.CodeAnalysis;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>The engine's answer: either a rejection, or a breakdown with the accumulators after it.</summary>
public sealed record SettlementComputation
{
    public Rejection? Rejection { get; init; }

    public SettlementBreakdown? Breakdown { get; init; }

    /// <summary>Accumulators after applying <see cref="SettlementBreakdown.Delta"/>.</summary>
    public YearToDate? YearToDateAfter { get; init; }

    /// <summary>The person's control history with this settlement in it (to keep when it commits).</summary>
    public ControlHistory? HistoryAfter { get; init; }

    /// <summary>When a control rule with action Refuse refused the swipe: its finding (the refusal is flagged).</summary>
    public ControlFinding? RefusedBy { get; init; }

    [MemberNotNullWhen(true, nameof(Breakdown), nameof(YearToDateAfter))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsSettled => Breakdown is not null;

    public static SettlementComputation Rejected(Rejection rejection) => new() { Rejection = rejection };

    public static SettlementComputation Refused(Rejection rejection, ControlFinding finding) => new() { Rejection = rejection, RefusedBy = finding };

    public static SettlementComputation Settled(SettlementBreakdown breakdown, YearToDate after, ControlHistory historyAfter) =>
        new() { Breakdown = breakdown, YearToDateAfter = after, HistoryAfter = historyAfter };
}
