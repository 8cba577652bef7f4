using Medisettle.Grains.Ledger;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// What a settlement writes: its receipt, then its record, which carries every posting and is also read in its
/// institution's posting stream; a breakdown that breaks double entry is refused before anything is written.
/// </summary>
public sealed class LedgerWriterTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_settlement_writes_its_receipt_then_its_record_which_carries_every_posting_and_names_no_second_stream()
    {
        var (person, institution, command, breakdown) = Inpatient();

        var (record, appends) = LedgerWriter.Settle("S1", command, "digest", person, institution, breakdown, At);

        Assert.Equal(
            [("msg", LedgerNames.ReceiptEntry(institution.Code, "M1"), (string?)null), ($"person:{person.PersonId}", "setl:S1", null)],
            appends.Select(a => (a.Stream, a.EntryId, a.AlsoStream)));
        Assert.Equal((true, true, 0), (record.FundPostingsInRecord, record.ReceivableInRecord, record.PostingIds.Count));
        var expected = LedgerWriter.BuildPostings("S1", new PostingOwner(person.PersonId, person.InsuredRegion, person.Scheme, institution.Code), breakdown, At, reversal: false);
        var carried = LedgerWriter.CarriedPostingsOf(LedgerJson.Deserialize<SettlementRecord>(appends[1].Payload));
        Assert.Equal(expected, carried);
        Assert.Equal($"inst:{institution.Code}", carried[^1].Account);
        Assert.Equal(breakdown.FundPaySum + breakdown.AccountPaid, carried[^1].Amount);
    }

    [Fact]
    public void A_breakdown_whose_fund_lines_do_not_sum_to_its_fund_pay_is_refused_before_anything_is_written()
    {
        var (person, institution, command, breakdown) = Inpatient();
        var line = breakdown.FundLines.First(l => !l.AmountPaid.IsZero);
        var broken = breakdown with { FundLines = [.. breakdown.FundLines.Select(l => l == line ? l with { AmountPaid = l.AmountPaid + Money.Yuan(1) } : l)] };

        var error = Assert.Throws<InvalidOperationException>(() => LedgerWriter.Settle("S2", command, "digest", person, institution, broken, At));

        Assert.Equal(
            $"Settlement S2: fund postings {breakdown.FundPaySum + breakdown.AccountPaid + Money.Yuan(1)} do not equal the receivable {breakdown.FundPaySum + breakdown.AccountPaid} (debits must equal credits).",
            error.Message);
    }

    private static (PersonProfile Person, InstitutionProfile Institution, SettleCommand Command, SettlementBreakdown Breakdown) Inpatient()
    {
        var person = Employee("990001");
        var institution = Hospital("990001", InstitutionLevel.Tier3);
        var visit = Policy.Scenario.Inpatient(new DateOnly(2026, 3, 2), 6_000m) with { VisitId = "V1" };
        var breakdown = Settle(Input(person, institution, visit));
        Assert.False(breakdown.FundPaySum.IsZero);
        return (person, institution, new SettleCommand { MessageId = "M1", InstitutionCode = institution.Code, Visit = visit, UseAccount = true }, breakdown);
    }
}
