using Medisettle.Grains.Hosting;
using Medisettle.Grains.Institutions;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Xunit;

namespace Medisettle.Grains.Tests.Institutions;

/// <summary>Where an institution's receivable postings of each settlement date lie in the journal (for 3202 reconciliation).</summary>
public sealed class ReceivableDaysTests
{
    private static readonly DateOnly D1 = new(2026, 3, 2);
    private static readonly DateOnly D2 = D1.AddDays(1);
    private static readonly DateOnly D3 = D1.AddDays(2);
    private static readonly DateOnly D4 = D1.AddDays(3);

    [Fact]
    public void A_range_spans_its_dates_first_and_last_postings_and_a_later_reversal_moves_its_end()
    {
        var state = new InstitutionState();
        Apply(state, 10, PostingKind.Settlement, D1);
        Apply(state, 12, PostingKind.Settlement, D2);
        Apply(state, 15, PostingKind.Settlement, D1);
        Apply(state, 16, PostingKind.Payment, D1); // not a receivable of a settlement: not recorded
        Apply(state, 20, PostingKind.Settlement, D3);

        Assert.Equal(new ReceivableSpan(9, 15), ReceivableDays.Find(state, D1, D1));
        Assert.Equal(new ReceivableSpan(11, 12), ReceivableDays.Find(state, D2, D2));
        Assert.Equal(new ReceivableSpan(11, 20), ReceivableDays.Find(state, D2, D4));
        Assert.Equal(new ReceivableSpan(9, 20), ReceivableDays.Find(state, DateOnly.MinValue, DateOnly.MaxValue));

        Apply(state, 31, PostingKind.Reversal, D1); // the cancel of a D1 settlement, two days later

        Assert.Equal(new ReceivableSpan(9, 31), ReceivableDays.Find(state, D1, D1));
        Assert.Equal(new ReceivableSpan(11, 12), ReceivableDays.Find(state, D2, D2));
        Assert.Equal([D1, D2, D3], state.ReceivableDays.Select(d => d.Date));
    }

    [Fact]
    public void A_range_with_no_posting_is_empty_at_the_applied_position()
    {
        var state = new InstitutionState();
        Apply(state, 10, PostingKind.Settlement, D1);
        Apply(state, 14, PostingKind.Settlement, D3);

        var none = ReceivableDays.Find(state, D2, D2);

        Assert.Equal(new ReceivableSpan(14, 14), none);
        Assert.True(none!.IsEmpty);
        Assert.True(ReceivableDays.Find(state, D4, D4)!.IsEmpty);
        Assert.True(ReceivableDays.Find(state, D3, D1)!.IsEmpty); // to before from
        // Nothing applied yet: the dates are known from the first posting (a state read from an earlier version's row
        // looks the same until then), so the caller reads the stream, which is empty.
        Assert.Null(ReceivableDays.Find(new InstitutionState(), D1, D4));
    }

    [Fact]
    public void Beyond_the_dates_kept_the_oldest_are_dropped_and_no_longer_known()
    {
        var state = new InstitutionState();
        Apply(state, 10, PostingKind.Settlement, D1, daysMax: 2);
        Apply(state, 11, PostingKind.Settlement, D2, daysMax: 2);
        Apply(state, 12, PostingKind.Settlement, D3, daysMax: 2);

        Assert.Equal([D2, D3], state.ReceivableDays.Select(d => d.Date));
        Assert.Equal(D2, state.ReceivableDaysFrom);
        Assert.Null(ReceivableDays.Find(state, D1, D3));
        Assert.Equal(new ReceivableSpan(10, 12), ReceivableDays.Find(state, D2, D3));

        Apply(state, 13, PostingKind.Reversal, D1, daysMax: 2); // a date no longer known is not recorded again

        Assert.Equal([D2, D3], state.ReceivableDays.Select(d => d.Date));
        Assert.Null(ReceivableDays.Find(state, D1, D1));
    }

    [Fact]
    public void An_institution_that_applied_postings_before_dates_were_kept_knows_no_date()
    {
        var state = new InstitutionState { PostingsApplied = 40, AppliedThroughSequence = 900 }; // a state of an earlier version

        Apply(state, 901, PostingKind.Settlement, D4);

        Assert.Null(state.ReceivableDaysFrom);
        Assert.Empty(state.ReceivableDays);
        Assert.Null(ReceivableDays.Find(state, D4, D4));
        Assert.Null(ReceivableDays.Find(state, DateOnly.MaxValue, DateOnly.MaxValue));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(3_660, true)]
    [InlineData(3_661, false)]
    public void The_dates_kept_are_an_option_checked_at_start(int daysMax, bool valid)
    {
        var options = new SettlementOptions { ReceivableDaysMax = daysMax };
        Assert.Equal(100, new SettlementOptions().ReceivableDaysMax);

        var result = new SettlementOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        Assert.Equal(valid ? null : [$"SettlementOptions.ReceivableDaysMax must be 1..3660, not {daysMax}."], result.Failures);
    }

    /// <summary>What <c>InstitutionGrain.ApplyPostingsAsync</c> does with a posting it applies, as far as the dates go.</summary>
    private static void Apply(InstitutionState state, long sequence, PostingKind kind, DateOnly date, int daysMax = 400)
    {
        ReceivableDays.Record(state, sequence, new Posting
        {
            PostingId = $"post:S{sequence}:inst:H1",
            SettlementId = $"S{sequence}",
            Account = "inst:H1",
            Kind = kind,
            Amount = Money.FromYuan(kind == PostingKind.Reversal ? -10m : 10m),
            PersonId = "P1",
            InstitutionCode = "H1",
            SettlementDate = date,
            PostedAt = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)),
        }, daysMax);
        state.AppliedThroughSequence = sequence;
        state.PostingsApplied++;
    }
}
