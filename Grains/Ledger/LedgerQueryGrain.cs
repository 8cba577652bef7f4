using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Orleans.Concurrency;

namespace Medisettle.Grains.Ledger;

/// <summary><see cref="ILedgerQueryGrain"/>: a stateless worker over this silo's <see cref="LedgerQueries"/>.</summary>
[StatelessWorker]
public sealed class LedgerQueryGrain(LedgerQueries queries) : Grain, ILedgerQueryGrain
{
    public Task<long> CatchUpAsync() => queries.CatchUpAsync(CancellationToken.None);

    public Task<IReadOnlyList<Posting>> ReadReceivablesAsync(string institutionCode, DateOnly from, DateOnly to, int maxCount) =>
        queries.ReadReceivablesAsync(institutionCode, from, to, maxCount, CancellationToken.None);

    public Task<PersonLedger> ReadPersonAsync(string personId, int maxCount) => queries.ReadPersonAsync(personId, maxCount, CancellationToken.None);

    public Task<IReadOnlyList<FundPoolSnapshot>> ReadFundPoolsAsync() => queries.ReadFundPoolsAsync(CancellationToken.None);

    public Task<AuditReport> AuditAsync() => queries.AuditAsync(CancellationToken.None);
}
