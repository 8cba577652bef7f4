using Medisettle.Gateway.Diagnostics;
using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Gateway.Operations;

/// <summary>What <c>/ops/data</c> answers: this gateway's recent traffic, the fund pools, the journal lag and the silos.</summary>
public sealed record OperatorData
{
    public required TrafficSnapshot Traffic { get; init; }

    public required IReadOnlyList<OperatorFund> Funds { get; init; }

    /// <summary>Journal entries not yet delivered to the fund pools and institutions, with the dispatcher's position and the head.</summary>
    public required JournalLag JournalLag { get; init; }

    public required IReadOnlyList<OperatorSilo> Silos { get; init; }

    internal static async Task<OperatorData> ReadAsync(RecentTraffic traffic, ILedgerQueries ledger, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var funds = await ledger.ReadFundPoolsAsync(cancellationToken);
        var lag = await grains.GetGrain<IPostingDispatcherGrain>("postings").GetLagAsync();
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true, cancellationToken);
        var addresses = hosts.Keys.OrderBy(address => address.ToString(), StringComparer.Ordinal).ToArray();
        var statistics = await management.GetRuntimeStatistics(addresses, cancellationToken);
        return new OperatorData
        {
            Traffic = traffic.Snapshot(),
            Funds = funds.Select(fund => new OperatorFund(fund.Key, fund.Income.Fen, fund.Spending.Fen, fund.Balance.Fen, fund.PostingsApplied)).ToList(),
            JournalLag = lag,
            Silos = addresses.Select((address, i) => new OperatorSilo(address.ToString(), hosts[address].ToString(), statistics[i].ActivationCount)).ToList(),
        };
    }
}
