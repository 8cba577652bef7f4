using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// Builds the journal appends of a settlement and of its cancel: the immutable record, the message receipt
/// and the postings. Checks double entry: the fund and account postings sum exactly to the institution's
/// receivable posting. A settlement's postings all travel inside its record (<see cref="SettlementRecord.FundPostingsInRecord"/>,
/// <see cref="SettlementRecord.ReceivableInRecord"/>, <see cref="CarriedPostingsOf(SettlementRecord)"/>), which is also read in
/// its institution's posting stream; every posting of a cancel is a row of its own.
/// </summary>
public static class LedgerWriter
{
    /// <summary>
    /// The appends of a settlement. <paramref name="keptSwipe"/> and <paramref name="keptSupplies"/> say whether the
    /// control rules kept its swipe and its supplies in the person's history (<see cref="SettlementRecord.KeptSwipe"/>).
    /// </summary>
    public static (SettlementRecord Record, IReadOnlyList<JournalAppend> Appends) Settle(
        string settlementId, SettleCommand command, string requestDigest, PersonProfile person, InstitutionProfile institution, SettlementBreakdown breakdown, DateTimeOffset now,
        bool keptSwipe = false, bool keptSupplies = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(institution);
        CheckDoubleEntry(settlementId, breakdown.FundLines.Where(l => !l.AmountPaid.IsZero).Aggregate(breakdown.AccountPaid, (sum, l) => sum + l.AmountPaid),
            breakdown.FundPaySum + breakdown.AccountPaid); // before anything is written: readers derive the postings from the record
        // A settlement id made from the msgid names the message's key: the record is then the message's receipt.
        var receiptInRecord = LedgerNames.SettlementIdOf(command.InstitutionCode, command.MessageId) == settlementId;
        var record = new SettlementRecord
        {
            SettlementId = settlementId,
            MessageId = command.MessageId,
            PersonId = person.PersonId,
            InstitutionCode = command.InstitutionCode,
            InsuredRegion = person.InsuredRegion,
            Scheme = person.Scheme,
            Breakdown = breakdown,
            SettledAt = now,
            PostingIds = [],
            FundPostingsInRecord = true,
            ReceivableInRecord = true,
            Input = new SettlementInput { Person = person, Institution = institution, Visit = command.Visit, UseAccount = command.UseAccount },
            KeptSwipe = keptSwipe ? true : null,
            KeptSupplies = keptSupplies ? true : null,
            RequestDigest = receiptInRecord ? RequestDigests.Stored(requestDigest) : null,
        };
        var recordAppend = new JournalAppend(LedgerNames.PersonStream(person.PersonId), LedgerNames.SettlementEntry(settlementId), LedgerJson.SerializeToReusedBuffer(record))
        {
            // No second stream: the institution indexes the receivable when it applies it (ReceivableIndex).
            UniqueAmongKeyedEntries = receiptInRecord, // a receipt an earlier version wrote under the message's key refuses it
        };
        if (receiptInRecord)
        {
            return (record, [recordAppend]);
        }

        var receipt = new MessageReceipt
        {
            IsCancel = false,
            SettlementId = settlementId,
            AnsweredAt = now,
            PersonId = person.PersonId,
            RequestDigest = RequestDigests.Stored(requestDigest),
        };
        // The record last: it is what the posting dispatcher reads, and its sequence is then the write's last, so a
        // dispatcher that has read it has read everything the settlement wrote (its lag is 0, not the receipt).
        IReadOnlyList<JournalAppend> appends = [Receipt(command.InstitutionCode, command.MessageId, receipt), recordAppend];
        return (record, appends);
    }

    /// <summary>
    /// The postings <paramref name="record"/> carries: its fund and personal-account postings when
    /// <see cref="SettlementRecord.FundPostingsInRecord"/>, then its receivable when <see cref="SettlementRecord.ReceivableInRecord"/>;
    /// exactly the postings <see cref="BuildPostings"/> makes of it, in the same order, with their ids and amounts. Empty for a
    /// record written before, whose postings are rows. Throws when the record breaks double entry, as <see cref="BuildPostings"/> does.
    /// </summary>
    public static IReadOnlyList<Posting> CarriedPostingsOf(SettlementRecord record) => CarriedPostingsOf(PostingSource.Of(record));

    /// <summary>As <see cref="CarriedPostingsOf(SettlementRecord)"/>, from the members of a record the postings are made of.</summary>
    internal static IReadOnlyList<Posting> CarriedPostingsOf(PostingSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.FundPostingsInRecord != true)
        {
            return [];
        }

        var owner = new PostingOwner(source.PersonId, source.InsuredRegion, source.Scheme, source.InstitutionCode);
        return Build(source.SettlementId, owner, source.Breakdown, source.SettledAt, reversal: false, receivable: source.ReceivableInRecord == true);
    }

    public static IReadOnlyList<JournalAppend> Cancel(SettlementRecord settled, CancelCommand command, string requestDigest, DateTimeOffset now)
    {
        var owner = new PostingOwner(settled.PersonId, settled.InsuredRegion, settled.Scheme, settled.InstitutionCode);
        var postings = BuildPostings(settled.SettlementId, owner, settled.Breakdown, now, reversal: true);
        var record = new CancellationRecord
        {
            SettlementId = settled.SettlementId,
            MessageId = command.MessageId,
            PersonId = settled.PersonId,
            InstitutionCode = command.InstitutionCode,
            CancelledAt = now,
            PostingIds = postings.Select(p => p.PostingId).ToArray(),
        };
        var receipt = new MessageReceipt
        {
            IsCancel = true,
            SettlementId = settled.SettlementId,
            AnsweredAt = now,
            PersonId = settled.PersonId,
            RequestDigest = RequestDigests.Stored(requestDigest),
        };
        var appends = new List<JournalAppend>(postings.Count + 2)
        {
            new(LedgerNames.PersonStream(settled.PersonId), LedgerNames.CancellationEntry(settled.SettlementId), LedgerJson.SerializeToUtf8(record)),
            Receipt(command.InstitutionCode, command.MessageId, receipt),
        };
        appends.AddRange(postings.Select(ToAppend));
        return appends;
    }

    /// <summary>
    /// A message's receipt under the message's key (<see cref="LedgerNames.ReceiptEntry"/>). A time-first key
    /// (<c>msgt:</c>) is a row of the <c>msg</c> stream, among the settlement records that take such keys
    /// (<see cref="LedgerNames.SettlementIdOf"/>), so the journal's unique entry-id index refuses the message once
    /// whichever wrote it; a receipt a silo of an earlier version kept in the keyed table under that key refuses it too
    /// (<see cref="JournalAppend.UniqueAmongKeyedEntries"/>). Any other key is found by id only
    /// (<see cref="JournalAppend.FoundByIdOnly"/>), in the journal's keyed table, not in a stream.
    /// </summary>
    private static JournalAppend Receipt(string institutionCode, string messageId, MessageReceipt receipt)
    {
        var key = LedgerNames.ReceiptEntry(institutionCode, messageId);
        var timeFirst = key.StartsWith(LedgerNames.TimeOrderedReceiptPrefix, StringComparison.Ordinal);
        return new(LedgerNames.ReceiptStream, key, LedgerJson.SerializeToUtf8(receipt)) { FoundByIdOnly = !timeFirst, UniqueAmongKeyedEntries = timeFirst };
    }

    /// <summary>The postings of a settlement (or their reversals): one per paying fund, the account, the receivable.</summary>
    public static IReadOnlyList<Posting> BuildPostings(
        string settlementId, PostingOwner owner, SettlementBreakdown breakdown, DateTimeOffset now, bool reversal) =>
        Build(settlementId, owner, PostingSource.PaidPart.Of(breakdown), now, reversal, receivable: true);

    /// <summary>The fund and account postings of what was paid, then (when <paramref name="receivable"/>) the institution's receivable.</summary>
    private static List<Posting> Build(string settlementId, PostingOwner owner, PostingSource.PaidPart paid, DateTimeOffset now, bool reversal, bool receivable)
    {
        var postings = new List<Posting>(paid.FundLines.Count + 2);
        var owed = paid.FundPaySum + paid.AccountPaid;
        AddFundPostings(postings, settlementId, owner, paid.FundLines.Select(l => (l.FundType, l.AmountPaid)), paid.AccountPaid, owed, paid.SettlementDate, now, reversal);
        if (!receivable)
        {
            return postings;
        }

        var totals = new SettlementTotals
        {
            MedicalFeeTotal = paid.TotalAmount,
            FundPaid = paid.FundPaySum,
            AccountPaid = paid.AccountPaid,
            CashPaid = paid.CashPaid,
        };
        postings.Add(Make(settlementId, LedgerNames.InstitutionAccount(owner.InstitutionCode), Signed(owed, reversal), owner, paid.SettlementDate, now, reversal) with
        {
            Totals = reversal ? totals.Negate() : totals,
            InpatientCase = paid.InpatientCase,
        });
        return postings;
    }

    /// <summary>
    /// Adds the postings of each paying fund line and of the personal account to <paramref name="postings"/>, and checks
    /// double entry: they must sum exactly to <paramref name="receivable"/>.
    /// </summary>
    private static void AddFundPostings(
        List<Posting> postings, string settlementId, PostingOwner owner, IEnumerable<(FundType FundType, Money AmountPaid)> fundLines, Money accountPaid,
        Money receivable, DateOnly settlementDate, DateTimeOffset now, bool reversal)
    {
        var debits = Money.Zero;
        foreach (var (fundType, amountPaid) in fundLines)
        {
            if (amountPaid.IsZero)
            {
                continue;
            }

            var account = FundPoolKey.For(owner.InsuredRegion, owner.Scheme, fundType).ToString();
            postings.Add(Make(settlementId, account, Signed(amountPaid, reversal), owner, settlementDate, now, reversal));
            debits += amountPaid;
        }

        if (!accountPaid.IsZero)
        {
            var account = FundPoolKey.PersonalAccount(owner.InsuredRegion, owner.Scheme).ToString();
            postings.Add(Make(settlementId, account, Signed(accountPaid, reversal), owner, settlementDate, now, reversal));
            debits += accountPaid;
        }

        CheckDoubleEntry(settlementId, debits, receivable);
    }

    /// <summary>Throws when a settlement's fund and account postings (<paramref name="debits"/>) do not sum exactly to its receivable.</summary>
    private static void CheckDoubleEntry(string settlementId, Money debits, Money receivable)
    {
        if (debits != receivable)
        {
            throw new InvalidOperationException(
                $"Settlement {settlementId}: fund postings {debits} do not equal the receivable {receivable} (debits must equal credits).");
        }
    }

    private static Posting Make(string settlementId, string account, Money amount, PostingOwner owner, DateOnly settlementDate, DateTimeOffset now, bool reversal) => new()
    {
        PostingId = LedgerNames.PostingEntry(settlementId, account, reversal),
        SettlementId = settlementId,
        Account = account,
        Kind = reversal ? PostingKind.Reversal : PostingKind.Settlement,
        Amount = amount,
        PersonId = owner.PersonId,
        InstitutionCode = owner.InstitutionCode,
        SettlementDate = settlementDate,
        PostedAt = now,
    };

    private static Money Signed(Money amount, bool reversal) => reversal ? -amount : amount;

    private static JournalAppend ToAppend(Posting posting) =>
        new(LedgerNames.PostingStream(posting.Account), posting.PostingId, LedgerJson.SerializeToUtf8(posting));
}
