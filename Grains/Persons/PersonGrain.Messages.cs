using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Persons;

/// <summary>Message-id idempotency: the recent-answer cache and the journal's message receipts.</summary>
public sealed partial class PersonGrain
{
    /// <summary>The first answer to a message, when this person has seen it recently.</summary>
    private async Task<SettlementOutcome?> FindRecentAsync(string key)
    {
        var recent = S.RecentMessages.FindLast(m => m.Key == key);
        if (recent is null)
        {
            return null;
        }

        if (recent.Status == SettlementStatus.Rejected)
        {
            return SettlementOutcome.Rejected(recent.Rejection!, recent.AnsweredAt);
        }

        var record = await ReadSettlementAsync(recent.SettlementId!)
            ?? throw new InvalidOperationException($"Settlement {recent.SettlementId} is remembered but missing from the journal.");
        return new SettlementOutcome
        {
            Status = recent.Status,
            SettlementId = record.SettlementId,
            Breakdown = record.Breakdown,
            AnsweredAt = recent.AnsweredAt,
        };
    }

    private void Remember(string key, SettlementOutcome outcome)
    {
        S.RecentMessages.Add(new RecentMessage
        {
            Key = key,
            Status = outcome.Status,
            SettlementId = outcome.SettlementId,
            Rejection = outcome.Rejection,
            AnsweredAt = outcome.AnsweredAt,
        });
        var excess = S.RecentMessages.Count - _options.RecentMessagesMax;
        if (excess > 0)
        {
            S.RecentMessages.RemoveRange(0, excess);
        }
    }

    /// <summary>The first answer to a settled or cancelled message, rebuilt from its journal receipt.</summary>
    private async Task<SettlementOutcome?> AnswerFromJournalAsync(string institutionCode, string messageId)
    {
        var receiptEntry = await journal.FindAsync(LedgerNames.ReceiptEntry(institutionCode, messageId));
        if (receiptEntry is null)
        {
            return null;
        }

        var receipt = LedgerJson.Deserialize<MessageReceipt>(receiptEntry.Payload);
        var record = await ReadSettlementAsync(receipt.SettlementId);
        if (record is null || record.PersonId != this.GetPrimaryKeyString())
        {
            return null;
        }

        return new SettlementOutcome
        {
            Status = receipt.IsCancel ? SettlementStatus.Cancelled : SettlementStatus.Settled,
            SettlementId = record.SettlementId,
            Breakdown = record.Breakdown,
            AnsweredAt = receipt.AnsweredAt,
        };
    }

    private async Task<SettlementRecord?> ReadSettlementAsync(string settlementId)
    {
        var entry = await journal.FindAsync(LedgerNames.SettlementEntry(settlementId));
        return entry is null ? null : LedgerJson.Deserialize<SettlementRecord>(entry.Payload);
    }
}
