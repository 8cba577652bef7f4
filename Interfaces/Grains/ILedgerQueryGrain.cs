using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The ledger's read side as grain calls, so any gateway — co-hosted or a stand-alone Orleans client — reaches it
/// the same way. A stateless worker on the silo that receives the call (key 0); each call reads that silo's journal.
/// Same operations as <see cref="ILedgerQueries"/>.
/// </summary>
public interface ILedgerQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Delivers every posting committed so far to its consumer; returns the journal sequence now applied.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<long> CatchUpAsync();

    /// <summary>An institution's receivable postings with a settlement date in the range, oldest first, as far as delivered (<see cref="CatchUpAsync"/> first).</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<IReadOnlyList<Posting>> ReadReceivablesAsync(string institutionCode, DateOnly from, DateOnly to, int maxCount);

    /// <summary>A person's settlement and cancellation records.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<PersonLedger> ReadPersonAsync(string personId, int maxCount);

    /// <summary>Every fund pool that has received a posting, with its consumed balance (after catching up).</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<IReadOnlyList<FundPoolSnapshot>> ReadFundPoolsAsync();

    /// <summary>Catches up, then recomputes every balance from the journal.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<AuditReport> AuditAsync();
}
