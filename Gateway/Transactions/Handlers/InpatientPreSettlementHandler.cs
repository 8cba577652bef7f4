
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2303 住院预结算.</summary>
public sealed class InpatientPreSettlementHandler(IGrainFactory grains) : VisitSettlementHandler(grains, TransactionContracts.InpatientPreSettlement, commit: false);
