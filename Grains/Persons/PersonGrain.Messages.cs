using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Persons;

/// <summary>
/// Message-id idempotency. (institution, msgid) is looked up in the recent-answer cache before any other check and,
/// however old, in the journal before any refusal: its receipt, or the settlement record that is its receipt (a message
/// that commits cannot have been answered before: that key's unique id would refuse the commit). The same request gets
/// its first answer; a different request under a used msgid (another person, amount or kind) gets
/// <see cref="RejectionCode.MessageIdConflict"/> and changes nothing.
/// </summary>
public sealed partial class PersonGrain
{
    public Task<SettlementOutcome?> FindAnswerAsync(string institutionCode, string messageId, string requestDigest)
    {
        ArgumentNullException.ThrowIfNull(institutionCode);
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(requestDigest);
        return FindFirstAnswerAsync(institutionCode, messageId, requestDigest);
    }

    /// <summary>The first answer to this message if it was answered before, a conflict if it was used for another request, else null.</summary>
    private async Task<SettlementOutcome?> FindFirstAnswerAsync(string institutionCode, string messageId, string digest) =>
        await FindRecentAnswerAsync(institutionCode, messageId, digest)
        ?? await AnswerFromJournalAsync(institutionCode, messageId, digest);

    /// <summary>The answer the recent-answer cache holds for this message (a conflict if it was another request), else null.</summary>
    private async Task<SettlementOutcome?> FindRecentAnswerAsync(string institutionCode, string messageId, string digest)
    {
        var key = LedgerNames.MessageKey(institutionCode, messageId);
        var recent = S.RecentMessages.FindLast(m => m.Key == key);
        if (recent is null)
        {
            return null;
        }

        if (recent.Status == SettlementStatus.Settled && recent.SettlementId is null)
        {
            // Remembered by key and status alone: its record is the message's receipt and holds the answer and its digest.
            return await AnswerFromJournalAsync(institutionCode, messageId, digest)
                ?? throw new InvalidOperationException($"Message {key} is remembered as settled but its record is missing from the journal.");
        }

        if (recent.RequestDigest is { } seen && !RequestDigests.Matches(seen, digest))
        {
            return Conflict(institutionCode, messageId);
        }

        if (recent.Status == SettlementStatus.Rejected)
        {
            return SettlementOutcome.Rejected(recent.Rejection!, recent.AnsweredAt!.Value);
        }

        var record = await ReadSettlementAsync(recent.SettlementId!)
            ?? throw new InvalidOperationException($"Settlement {recent.SettlementId} is remembered but missing from the journal.");
        return new SettlementOutcome
        {
            Status = recent.Status,
            SettlementId = record.SettlementId,
            Breakdown = record.Breakdown,
            AnsweredAt = recent.AnsweredAt!.Value,
        };
    }

    private void Remember(string key, string digest, SettlementOutcome outcome)
    {
        // A settlement whose record is its message's receipt is remembered by key and status: the record holds the rest.
        S.RecentMessages.Add(outcome.Status == SettlementStatus.Settled && LedgerNames.IsMadeFromMessage(outcome.SettlementId!)
            ? new RecentMessage { Key = key, Status = outcome.Status }
            : new RecentMessage
            {
                Key = key,
                Status = outcome.Status,
                SettlementId = outcome.SettlementId,
                Rejection = outcome.Rejection,
                AnsweredAt = outcome.AnsweredAt,
                RequestDigest = RequestDigests.Stored(digest),
            });
        var excess = S.RecentMessages.Count - _options.RecentMessagesMax;
        if (excess > 0)
        {
            S.RecentMessages.RemoveRange(0, excess);
        }
    }

    /// <summary>
    /// The first answer to a settled or cancelled message, rebuilt from its journal receipt; a conflict when the
    /// receipt is another person's or another request's; null when the message was never settled or cancelled.
    /// </summary>
    private async Task<SettlementOutcome?> AnswerFromJournalAsync(string institutionCode, string messageId, string digest)
    {
        var receiptEntry = await journal.FindAsync(LedgerNames.ReceiptEntry(institutionCode, messageId));
        if (receiptEntry is null && await receiptKeys.MayHaveLegacyReceiptAsync(institutionCode, messageId))
        {
            receiptEntry = await journal.FindAsync(LedgerNames.LegacyReceiptEntry(institutionCode, messageId));
        }

        if (receiptEntry is null)
        {
            return null;
        }

        var me = this.GetPrimaryKeyString();
        if (LedgerNames.IsSettlementRecord(receiptEntry))
        {
            // A settlement whose id was made from its msgid: its record is the message's receipt.
            var settled = LedgerJson.Deserialize<SettlementRecord>(receiptEntry);
            return settled.PersonId != me || (settled.RequestDigest is { } digestSeen && !RequestDigests.Matches(digestSeen, digest))
                ? Conflict(institutionCode, messageId)
                : new SettlementOutcome { Status = SettlementStatus.Settled, SettlementId = settled.SettlementId, Breakdown = settled.Breakdown, AnsweredAt = settled.SettledAt };
        }

        var receipt = LedgerJson.Deserialize<MessageReceipt>(receiptEntry);
        if ((receipt.PersonId is { } person && person != me)
            || (receipt.RequestDigest is { } seen && !RequestDigests.Matches(seen, digest)))
        {
            return Conflict(institutionCode, messageId);
        }

        var record = await ReadSettlementAsync(receipt.SettlementId);
        if (record is null || record.PersonId != me)
        {
            return Conflict(institutionCode, messageId);
        }

        return new SettlementOutcome
        {
            Status = receipt.IsCancel ? SettlementStatus.Cancelled : SettlementStatus.Settled,
            SettlementId = record.SettlementId,
            Breakdown = record.Breakdown,
            AnsweredAt = receipt.AnsweredAt,
        };
    }

    private SettlementOutcome Conflict(string institutionCode, string messageId) => SettlementOutcome.Rejected(
        RejectionCode.MessageIdConflict,
        $"msgid {messageId} was already used by institution {institutionCode} for a different request; nothing changed (a new request needs a new msgid).",
        time.GetUtcNow());

    /// <summary>The digest a retry must match: the gateway's digest of the wire request, else a hash of the command and person.</summary>
    private string DigestOf<TCommand>(string? requestDigest, TCommand command) => requestDigest ?? CommandDigest.Of(this.GetPrimaryKeyString(), command);

    private async Task<SettlementRecord?> ReadSettlementAsync(string settlementId)
    {
        // A settlement id made from a msgid names that message's key, which may hold a cancel's receipt instead.
        var entry = await journal.FindAsync(LedgerNames.SettlementEntry(settlementId));
        return entry is not null && LedgerNames.IsSettlementRecord(entry) ? LedgerJson.Deserialize<SettlementRecord>(entry) : null;
    }
}
