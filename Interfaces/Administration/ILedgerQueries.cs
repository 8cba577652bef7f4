using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Administration;

/// <summary>
/// Read-side queries over the journal for reconciliation (3201/3202) and the admin API. Implemented in the
/// silo (it reads the journal and drives the posting dispatcher); a co-hosted gateway resolves it from DI.
/// </summary>
public interface ILedgerQueries
{
    /// <summary>Delivers every posting committed so far to its consumer; returns the journal sequence now applied.</summary>
    Task<long> CatchUpAsync(CancellationToken cancellationToken);

    /// <summary>
    /// An institution's receivable postings (settlements and reversals) with a settlement date in the range, oldest
    /// first, as far as they have been delivered to the institution: call <see cref="CatchUpAsync"/> first to include
    /// everything committed.
    /// </summary>
    Task<IReadOnlyList<Posting>> ReadReceivablesAsync(string institutionCode, DateOnly from, DateOnly to, int maxCount, CancellationToken cancellationToken);

    /// <summary>A person's settlement and cancellation records (journal stream <c>person:{psn_no}</c>).</summary>
    Task<PersonLedger> ReadPersonAsync(string personId, int maxCount, CancellationToken cancellationToken);

    /// <summary>Every fund pool that has received a posting, with its consumed balance (after catching up).</summary>
    Task<IReadOnlyList<FundPoolSnapshot>> ReadFundPoolsAsync(CancellationToken cancellationToken);

    /// <summary>Catches up, then recomputes every balance from the journal (<see cref="AuditReport"/>).</summary>
    Task<AuditReport> AuditAsync(CancellationToken cancellationToken);
}
