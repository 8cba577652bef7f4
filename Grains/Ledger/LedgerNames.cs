using System.Globalization;
using Medisettle.Interfaces.Jobs;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// Names of journal streams and entry ids. Entry ids are unique in the journal, which is what makes a
/// settlement, a cancel, a message, a posting, a flag and a flag's resolution impossible to record twice.
/// </summary>
public static class LedgerNames
{
    /// <summary>Prefix of every posting stream; the dispatcher delivers these to their consumer grains.</summary>
    public const string PostingStreamPrefix = "post:";

    /// <summary>Prefix of institution accounts (<c>inst:{code}</c>).</summary>
    public const string InstitutionAccountPrefix = "inst:";

    /// <summary>Stream of message receipts.</summary>
    public const string ReceiptStream = "msg";

    /// <summary>Prefix of the flag streams (<c>flag:{institution}</c>): control-rule flags for review.</summary>
    public const string FlagStreamPrefix = "flag:";

    /// <summary>Prefix of the flag-resolution streams (<c>flagres:{institution}</c>): review decisions.</summary>
    public const string FlagResolutionStreamPrefix = "flagres:";

    /// <summary>Prefix of the daily-close streams (<c>close:{institution}</c>): frozen days.</summary>
    public const string CloseStreamPrefix = "close:";

    /// <summary>Stream of the completed daily-close runs (one entry per day: the period key).</summary>
    public const string DailyCloseRunStream = "job:daily-close";

    /// <summary>Stream of the completed monthly payout runs (one entry per month: the period key).</summary>
    public const string MonthlyPayoutRunStream = "job:monthly-payout";

    /// <summary>Stream of the audit deductions entered for the monthly payout.</summary>
    public const string AuditDeductionStream = "job:monthly-payout:deductions";

    /// <summary>The period key of a monthly payout, <c>monthly-payout:{yyyy-MM}</c>.</summary>
    public static string MonthlyPayoutPeriod(BusinessMonth month) => $"monthly-payout:{month}";

    /// <summary>Entry id of a completed monthly payout run: <c>job:</c> + the period key.</summary>
    public static string MonthlyPayoutRunEntry(BusinessMonth month) => "job:" + MonthlyPayoutPeriod(month);

    public static string AuditDeductionEntry(string deductionId) => $"deduction:{deductionId}";

    /// <summary>
    /// Entry id of a payout's posting on <paramref name="account"/> for its line with <paramref name="counterparty"/>
    /// (the institution on a fund account, the fund on an institution's): <c>post:monthly-payout:{yyyy-MM}:{account}:{counterparty}:pay|ded</c>.
    /// </summary>
    public static string PayoutPostingEntry(BusinessMonth month, string account, string counterparty, bool deduction) =>
        $"post:{MonthlyPayoutPeriod(month)}:{account}:{counterparty}:{(deduction ? "ded" : "pay")}";

    /// <summary>Stream of the completed risk reserve runs (one entry per year: the period key).</summary>
    public const string RiskReserveRunStream = "job:risk-reserve";

    /// <summary>The period key of a year's risk reserve, <c>risk-reserve:{yyyy}</c>.</summary>
    public static string RiskReservePeriod(int year) => $"risk-reserve:{year.ToString("D4", CultureInfo.InvariantCulture)}";

    public static string RiskReserveRunEntry(int year) => "job:" + RiskReservePeriod(year);

    /// <summary>Entry id of a risk reserve run's posting on <paramref name="account"/>: <c>post:risk-reserve:{yyyy}:{account}</c>.</summary>
    public static string RiskReservePostingEntry(int year, string account) => $"post:{RiskReservePeriod(year)}:{account}";

    /// <summary>The settlement id an administrator's income posting carries: <c>income:{incomeId}</c>.</summary>
    public static string IncomeReference(string incomeId) => $"income:{incomeId}";

    /// <summary>Entry id of an administrator's income posting: <c>post:income:{incomeId}</c>.</summary>
    public static string IncomePostingEntry(string incomeId) => $"post:income:{incomeId}";

    public static string CloseStream(string institutionCode) => CloseStreamPrefix + institutionCode;

    public static string CloseEntry(string institutionCode, DateOnly date) =>
        $"close:{institutionCode}:{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>The period key of a daily close, <c>daily-close:{yyyy-MM-dd}</c>.</summary>
    public static string DailyClosePeriod(DateOnly date) =>
        $"daily-close:{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Entry id of a completed daily-close run: <c>job:</c> + the period key.</summary>
    public static string DailyCloseRunEntry(DateOnly date) => "job:" + DailyClosePeriod(date);

    /// <summary>Prefix of the person streams (<c>person:{personId}</c>): a person's settlement and cancellation records.</summary>
    public const string PersonStreamPrefix = "person:";

    public static string PersonStream(string personId) => PersonStreamPrefix + personId;

    public static string FlagStream(string institutionCode) => FlagStreamPrefix + institutionCode;

    public static string FlagEntry(string flagId) => $"flag:{flagId}";

    public static string FlagResolutionStream(string institutionCode) => FlagResolutionStreamPrefix + institutionCode;

    public static string FlagResolutionEntry(string flagId) => $"flagres:{flagId}";

    /// <summary>Prefix of the entry ids of settlement records whose settlement id is not made from their message.</summary>
    public const string SettlementEntryPrefix = "setl:";

    /// <summary>
    /// Entry id of a settlement's record: the message's key (<see cref="ReceiptEntry"/>) when the settlement id was made
    /// from its message (<see cref="SettlementIdOf"/>), else <c>setl:{settlementId}</c>.
    /// </summary>
    public static string SettlementEntry(string settlementId)
    {
        ArgumentNullException.ThrowIfNull(settlementId);
        return MessageKeyOf(settlementId) ?? SettlementEntryPrefix + settlementId;
    }

    /// <summary>
    /// Whether a journal entry is a settlement's record: <c>setl:{settlementId}</c>, or a message's key
    /// (<see cref="SettlementIdOf"/>) in a person's stream; a message key elsewhere is a receipt (stream <c>msg</c>).
    /// </summary>
    public static bool IsSettlementRecord(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.EntryId.StartsWith(SettlementEntryPrefix, StringComparison.Ordinal)
            || (entry.EntryId.StartsWith(TimeOrderedReceiptPrefix, StringComparison.Ordinal) && entry.Stream.StartsWith(PersonStreamPrefix, StringComparison.Ordinal));
    }

    /// <summary>First character of a settlement id made from its message (<see cref="SettlementIdOf"/>).</summary>
    private const string MessageSettlementIdMark = "M";

    /// <summary>Digits of a platform-form msgid's tail a settlement id made from it keeps: all but the century's <c>20</c>.</summary>
    private const int SettlementIdDigits = PlatformMsgidTailLength - 2;

    /// <summary>The platform's <c>setl_id</c> length.</summary>
    public const int SettlementIdLengthMax = 30;

    /// <summary>
    /// The settlement id of a settlement of this message, made from it: <c>M</c>, the msgid's <c>yyMMddHHmmss</c> and
    /// 4-digit sequence, then the institution's code (29 characters for the platform's 12-character codes). The record's
    /// entry id is then the message's key (<see cref="SettlementEntry"/> gives <see cref="ReceiptEntry"/>): the record is
    /// also the message's receipt, and the journal's unique entry-id index refuses the message a second time without a
    /// receipt row. Null when the msgid is not of the platform's form, its year is not 20xx, or the id would be longer than
    /// <see cref="SettlementIdLengthMax"/>: such a settlement takes a random id (<c>S…</c>) and a receipt of its own.
    /// </summary>
    public static string? SettlementIdOf(string institutionCode, string messageId)
    {
        ArgumentNullException.ThrowIfNull(institutionCode);
        ArgumentNullException.ThrowIfNull(messageId);
        if (!IsPlatformForm(institutionCode, messageId) || 1 + SettlementIdDigits + institutionCode.Length > SettlementIdLengthMax)
        {
            return null;
        }

        var tail = messageId.AsSpan(institutionCode.Length);
        return tail.StartsWith("20", StringComparison.Ordinal)
            ? string.Concat(MessageSettlementIdMark, tail[2..], institutionCode)
            : null;
    }

    /// <summary>Whether <paramref name="settlementId"/> was made from its message (<see cref="SettlementIdOf"/>): its record is then the message's receipt.</summary>
    public static bool IsMadeFromMessage(string settlementId)
    {
        ArgumentNullException.ThrowIfNull(settlementId);
        return settlementId.Length > 1 + SettlementIdDigits
            && settlementId.StartsWith(MessageSettlementIdMark, StringComparison.Ordinal)
            && !settlementId.AsSpan(1, SettlementIdDigits).ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>The message key a settlement id made from its message names (<see cref="SettlementIdOf"/>), else null.</summary>
    private static string? MessageKeyOf(string settlementId) =>
        IsMadeFromMessage(settlementId)
            ? string.Create(CultureInfo.InvariantCulture, $"{TimeOrderedReceiptPrefix}20{settlementId.AsSpan(1, SettlementIdDigits)}:{settlementId.AsSpan(1 + SettlementIdDigits)}")
            : null;

    public static string CancellationEntry(string settlementId) => $"cancel:{settlementId}";

    /// <summary>Prefix of the receipt entry ids of platform-form msgids (<see cref="ReceiptEntry"/>).</summary>
    public const string TimeOrderedReceiptPrefix = "msgt:";

    /// <summary>Digits after the institution code in a platform-form msgid: <c>yyyyMMddHHmmss</c> and a 4-digit sequence.</summary>
    private const int PlatformMsgidTailLength = 18;

    /// <summary>
    /// Entry id of a message's receipt; the journal's unique entry-id index is what refuses a message twice. A msgid of
    /// the platform's form (the institution's code, <c>yyyyMMddHHmmss</c>, 4 digits) is keyed time first,
    /// <c>msgt:{yyyyMMddHHmmss}{seq}:{institution}</c>, so a batch's receipts go to the right edge of that index, as its
    /// time-ordered settlement ids do; keyed institution first, every institution had its own insertion point and a
    /// batch dirtied about one index page per receipt. Any other msgid keeps <c>msg:{institution}:{msgid}</c>. Both
    /// forms name (institution, msgid) exactly, and their prefixes differ, so no two messages share a key.
    /// </summary>
    public static string ReceiptEntry(string institutionCode, string messageId)
    {
        ArgumentNullException.ThrowIfNull(institutionCode);
        ArgumentNullException.ThrowIfNull(messageId);
        return IsPlatformForm(institutionCode, messageId)
            ? string.Concat(TimeOrderedReceiptPrefix, messageId.AsSpan(institutionCode.Length), ":", institutionCode)
            : LegacyReceiptEntry(institutionCode, messageId);
    }

    /// <summary>
    /// The receipt entry id every message had before platform-form msgids were keyed time first; journals written then
    /// hold it (<see cref="ReceiptKeys"/>).
    /// </summary>
    public static string LegacyReceiptEntry(string institutionCode, string messageId) => $"msg:{institutionCode}:{messageId}";

    /// <summary>Whether <paramref name="entryId"/> is a <see cref="LegacyReceiptEntry"/> of a platform-form msgid.</summary>
    public static bool IsLegacyReceiptOfPlatformForm(string entryId) =>
        entryId.Split(':') is ["msg", var institution, var messageId] && IsPlatformForm(institution, messageId);

    /// <summary>Whether <paramref name="messageId"/> is the institution's code followed by 18 digits (the platform's form).</summary>
    public static bool IsPlatformForm(string institutionCode, string messageId) =>
        institutionCode.Length > 0
        && messageId.Length == institutionCode.Length + PlatformMsgidTailLength
        && messageId.StartsWith(institutionCode, StringComparison.Ordinal)
        && !messageId.AsSpan(institutionCode.Length).ContainsAnyExceptInRange('0', '9');

    public static string MessageKey(string institutionCode, string messageId) => $"{institutionCode}:{messageId}";

    public static string InstitutionAccount(string institutionCode) => InstitutionAccountPrefix + institutionCode;

    public static string PostingStream(string account) => PostingStreamPrefix + account;

    public static string PostingEntry(string settlementId, string account, bool reversal) =>
        reversal ? $"post:{settlementId}:{account}:rev" : $"post:{settlementId}:{account}";

    /// <summary>The account of a posting stream, or null when the stream is not a posting stream.</summary>
    public static string? AccountOf(string stream) =>
        stream.StartsWith(PostingStreamPrefix, StringComparison.Ordinal) ? stream[PostingStreamPrefix.Length..] : null;
}
