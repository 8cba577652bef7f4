
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2207 门诊结算.</summary>
public sealed class OutpatientSettlementHandler(IGrainFactory grains) : VisitSettlementHandler(grains, TransactionContracts.OutpatientSettlement, commit: true);
