using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Gateway.Cluster;

/// <summary>
/// <see cref="ILedgerQueries"/> for the gateway, through <see cref="ILedgerQueryGrain"/>: the same path whether the
/// gateway is co-hosted in a silo or a stand-alone Orleans client. A cancelled request stops waiting for the answer;
/// the query itself runs to its end on the silo.
/// </summary>
public sealed class GrainLedgerQueries(IGrainFactory grains) : ILedgerQueries
{
    private ILedgerQueryGrain Grain => grains.GetGrain<ILedgerQueryGrain>(0);

    public Task<long> CatchUpAsync(CancellationToken cancellationToken) => Grain.CatchUpAsync().WaitAsync(cancellationToken);

    public Task<IReadOnlyList<Posting>> ReadReceivablesAsync(string institutionCode, DateOnly from, DateOnly to, int maxCount, CancellationToken cancellationToken) =>
        Grain.ReadReceivablesAsync(institutionCode, from, to, maxCount).WaitAsync(cancellationToken);

    public Task<PersonLedger> ReadPersonAsync(string personId, int maxCount, CancellationToken cancellationToken) =>
        Grain.ReadPersonAsync(personId, maxCount).WaitAsync(cancellationToken);

    public Task<IReadOnlyList<FundPoolSnapshot>> ReadFundPoolsAsync(CancellationToken cancellationToken) => Grain.ReadFundPoolsAsync().WaitAsync(cancellationToken);

    public Task<AuditReport> AuditAsync(CancellationToken cancellationToken) => Grain.AuditAsync().WaitAsync(cancellationToken);
}
