
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2208 门诊结算撤销.</summary>
public sealed class OutpatientSettlementCancelHandler(IGrainFactory grains) : SettlementCancelHandler(grains, TransactionContracts.OutpatientSettlementCancel, registeredVisit: true);
