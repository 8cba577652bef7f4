
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2206 门诊预结算.</summary>
public sealed class OutpatientPreSettlementHandler(IGrainFactory grains) : VisitSettlementHandler(grains, TransactionContracts.OutpatientPreSettlement, commit: false);
