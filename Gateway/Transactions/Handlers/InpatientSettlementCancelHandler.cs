
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2305 住院结算撤销.</summary>
public sealed class InpatientSettlementCancelHandler(IGrainFactory grains) : SettlementCancelHandler(grains, TransactionContracts.InpatientSettlementCancel, registeredVisit: true);
