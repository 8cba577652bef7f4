using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// 参保人 an insured person (key: psn_no). Holds the enrolment and the year-to-date accumulators; every
/// settlement for the person runs here, one at a time, so no sequence or concurrency of swipes can make a fund
/// pay beyond an annual cap.
/// </summary>
public interface IPersonGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the person. The opening account balance applies only on creation.</summary>
    Task<PersonSnapshot> EnrolAsync(PersonEnrolment enrolment);

    /// <summary>The person, or null when never enrolled.</summary>
    Task<PersonSnapshot?> GetSnapshotAsync();

    /// <summary>Computes a settlement without committing anything (2206/2303/2101).</summary>
    Task<SettlementOutcome> PreSettleAsync(SettleCommand command);

    /// <summary>Settles and commits durably (2207/2304/2102). A retried message id returns the first answer.</summary>
    Task<SettlementOutcome> SettleAsync(SettleCommand command);

    /// <summary>Cancels a settlement exactly (2208/2305/2103). A retried message id returns the first answer.</summary>
    Task<SettlementOutcome> CancelAsync(CancelCommand command);

    /// <summary>
    /// The first answer to (institution, msgid) if this person settled or cancelled it; a
    /// <see cref="RejectionCode.MessageIdConflict"/> if the msgid was used for a different request
    /// (<paramref name="requestDigest"/> differs, or another person); null if it was never answered. Changes nothing:
    /// a gateway asks before refusing a retry for a reason that arose after the first answer (e.g. the visit was cancelled since).
    /// </summary>
    Task<SettlementOutcome?> FindAnswerAsync(string institutionCode, string messageId, string requestDigest);
}
