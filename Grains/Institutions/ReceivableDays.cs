using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Institutions;

/// <summary>
/// Where an institution's receivable postings of each settlement date lie in the journal
/// (<see cref="InstitutionState.ReceivableDays"/>), kept as the institution applies them, so that 3202 reconciliation
/// of a range of dates reads only that part of the institution's posting stream.
/// </summary>
public static class ReceivableDays
{
    /// <summary>
    /// Records where a receivable posting (a settlement or a reversal) of its settlement date lies; called for each
    /// posting before it is counted as applied. The dates are known from the first posting an institution applies: one
    /// that applied postings before they were kept (data of an earlier version) knows none, and reconciles by reading its
    /// whole stream. Beyond <paramref name="daysMax"/> dates the oldest are dropped, and they and every older date are
    /// no longer known.
    /// </summary>
    public static void Record(InstitutionState state, long sequence, Posting posting, int daysMax)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(posting);
        if (state.ReceivableDaysFrom is null && state.PostingsApplied == 0)
        {
            state.ReceivableDaysFrom = DateOnly.MinValue;
        }

        if (posting.Kind is not (PostingKind.Settlement or PostingKind.Reversal) || state.ReceivableDaysFrom is not { } known || posting.SettlementDate < known)
        {
            return;
        }

        var days = state.ReceivableDays;
        var date = posting.SettlementDate;
        var index = days.FindIndex(d => d.Date == date);
        if (index >= 0)
        {
            var day = days[index];
            days[index] = day with { FirstSequence = Math.Min(day.FirstSequence, sequence), LastSequence = Math.Max(day.LastSequence, sequence) };
            return;
        }

        days.Add(new ReceivableDay(date, sequence, sequence));
        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        var excess = days.Count - daysMax;
        if (excess > 0)
        {
            state.ReceivableDaysFrom = days[excess - 1].Date.AddDays(1);
            days.RemoveRange(0, excess);
        }
    }

    /// <summary>
    /// Where the receivable postings with a settlement date from <paramref name="from"/> through <paramref name="to"/>
    /// lie among those applied, or null when <paramref name="from"/> is a date not known (<see cref="Record"/>).
    /// </summary>
    public static ReceivableSpan? Find(InstitutionState state, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ReceivableDaysFrom is not { } known || from < known)
        {
            return null;
        }

        var (first, last) = (long.MaxValue, long.MinValue);
        foreach (var day in state.ReceivableDays)
        {
            if (day.Date >= from && day.Date <= to)
            {
                (first, last) = (Math.Min(first, day.FirstSequence), Math.Max(last, day.LastSequence));
            }
        }

        return first == long.MaxValue
            ? new ReceivableSpan(state.AppliedThroughSequence, state.AppliedThroughSequence)
            : new ReceivableSpan(first - 1, last);
    }
}
