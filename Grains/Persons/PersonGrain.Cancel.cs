using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Persons;

/// <summary>撤销 cancel: reversing postings and the exact inverse on the accumulators and the account.</summary>
public sealed partial class PersonGrain
{
    public async Task<SettlementOutcome> CancelAsync(CancelCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var key = LedgerNames.MessageKey(command.InstitutionCode, command.MessageId);
        var digest = DigestOf(command.RequestDigest, command);
        if (await FindFirstAnswerAsync(command.InstitutionCode, command.MessageId, digest) is { } first)
        {
            return first;
        }

        var now = time.GetUtcNow();
        if (S.Profile is null)
        {
            return SettlementOutcome.Rejected(RejectionCode.UnknownPerson, $"person {Mask(this.GetPrimaryKeyString())} is not enrolled", now);
        }

        var record = await ReadSettlementAsync(command.SettlementId);
        if (record is null || record.PersonId != this.GetPrimaryKeyString())
        {
            return SettlementOutcome.Rejected(RejectionCode.SettlementNotFound, $"Settlement {command.SettlementId} does not exist for this person.", now);
        }

        if (record.InstitutionCode != command.InstitutionCode)
        {
            return SettlementOutcome.Rejected(
                RejectionCode.InstitutionMismatch, $"Settlement {command.SettlementId} was made by institution {record.InstitutionCode}; only it may cancel.", now);
        }

        if (record.Breakdown.BenefitYear < S.CancelWindowStartYear(_options.CancelWindowYears))
        {
            return SettlementOutcome.Rejected(
                RejectionCode.CancelWindowClosed,
                $"Settlement {command.SettlementId} of benefit year {record.Breakdown.BenefitYear} can no longer be cancelled (CancelWindowYears = {_options.CancelWindowYears}).",
                now);
        }

        var visitId = record.Breakdown.VisitId;
        if (!S.ActiveSettlements.TryGetValue(visitId, out var active) || active.SettlementId != record.SettlementId)
        {
            return SettlementOutcome.Rejected(RejectionCode.SettlementAlreadyCancelled, $"Settlement {command.SettlementId} is already cancelled.", now);
        }

        S.ReverseSettlement(record.Breakdown);
        S.ControlHistory = S.ControlHistory.Without(record.SettlementId);
        var outcome = new SettlementOutcome { Status = SettlementStatus.Cancelled, SettlementId = record.SettlementId, Breakdown = record.Breakdown, AnsweredAt = now };
        Remember(key, digest, outcome);
        try
        {
            await CommitAsync(LedgerWriter.Cancel(record, command, digest, now), LedgerNames.CancellationEntry(record.SettlementId));
        }
        catch (DuplicateJournalEntryException)
        {
            return await AnswerFromJournalAsync(command.InstitutionCode, command.MessageId, digest)
                ?? SettlementOutcome.Rejected(RejectionCode.SettlementAlreadyCancelled, $"Settlement {command.SettlementId} is already cancelled.", now);
        }

        metrics.OnReversed(record.Breakdown);
        return outcome;
    }
}
