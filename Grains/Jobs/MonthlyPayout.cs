using Medisettle.Grains.Ledger;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Jobs;

/// <summary>
/// The rules of the monthly payout (拨付), pure: the lines of a run from the fund postings it covers and the audit
/// deductions it applies, and the postings that pay them. The job grain and the auditor both use them.
/// </summary>
public static class MonthlyPayout
{
    /// <summary>
    /// One fund's line for one institution. 审核扣款: the recorded deductions are withheld up to what is owed (a deduction
    /// beyond it is not carried to a later month: the reviewers enter it again); nothing is withheld from a line that owes
    /// nothing or less than nothing. Paid = owed − deducted, exactly.
    /// </summary>
    public static MonthlyPayoutLine Line(string fund, string institutionCode, Money owed, Money deductionsRecorded)
    {
        var deducted = owed.Fen <= 0 ? Money.Zero : Money.Min(deductionsRecorded, owed);
        return new MonthlyPayoutLine
        {
            Fund = fund,
            InstitutionCode = institutionCode,
            Owed = owed,
            DeductionsRecorded = deductionsRecorded,
            Deducted = deducted,
            Paid = owed - deducted,
        };
    }

    /// <summary>The lines of a run: one per fund and institution with something owed or deducted, in fund then institution order.</summary>
    public static IReadOnlyList<MonthlyPayoutLine> Lines(IEnumerable<(string Fund, string InstitutionCode, Money Amount)> covered, IEnumerable<AuditDeduction> deductions)
    {
        var owed = covered
            .GroupBy(c => (c.Fund, c.InstitutionCode))
            .ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero, (sum, c) => sum + c.Amount));
        var recorded = deductions
            .GroupBy(d => (d.Fund, d.InstitutionCode))
            .ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero, (sum, d) => sum + d.Amount));
        return owed.Keys.Union(recorded.Keys)
            .OrderBy(k => k.Fund, StringComparer.Ordinal)
            .ThenBy(k => k.InstitutionCode, StringComparer.Ordinal)
            .Select(k => Line(k.Fund, k.InstitutionCode, owed.GetValueOrDefault(k), recorded.GetValueOrDefault(k)))
            .Where(line => !line.Owed.IsZero || !line.DeductionsRecorded.IsZero)
            .ToList();
    }

    /// <summary>
    /// The postings of a run's lines: the payment on the institution's receivable (−paid: it goes down by what is paid);
    /// a deduction on the institution's receivable and on the fund (−deducted on both: the fund does not pay it).
    /// </summary>
    public static IReadOnlyList<Posting> Postings(BusinessMonth month, IReadOnlyList<MonthlyPayoutLine> lines, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var postings = new List<Posting>();
        foreach (var line in lines)
        {
            var institution = LedgerNames.InstitutionAccount(line.InstitutionCode);
            if (!line.Paid.IsZero)
            {
                postings.Add(Make(institution, line.Fund, -line.Paid, PostingKind.Payment, line.InstitutionCode));
            }

            if (!line.Deducted.IsZero)
            {
                postings.Add(Make(institution, line.Fund, -line.Deducted, PostingKind.Deduction, line.InstitutionCode));
                postings.Add(Make(line.Fund, line.InstitutionCode, -line.Deducted, PostingKind.Deduction, line.InstitutionCode));
            }
        }

        return postings;

        Posting Make(string account, string counterparty, Money amount, PostingKind kind, string institutionCode) => new()
        {
            PostingId = LedgerNames.PayoutPostingEntry(month, account, counterparty, kind == PostingKind.Deduction),
            SettlementId = LedgerNames.MonthlyPayoutPeriod(month),
            Account = account,
            Kind = kind,
            Amount = amount,
            PersonId = "",
            InstitutionCode = institutionCode,
            SettlementDate = month.LastDay,
            PostedAt = now,
        };
    }
}
