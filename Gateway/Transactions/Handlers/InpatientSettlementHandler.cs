
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2304 住院结算.</summary>
public sealed class InpatientSettlementHandler(IGrainFactory grains) : VisitSettlementHandler(grains, TransactionContracts.InpatientSettlement, commit: true);
