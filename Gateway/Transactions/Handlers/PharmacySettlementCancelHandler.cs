
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2103 药店结算撤销.</summary>
public sealed class PharmacySettlementCancelHandler(IGrainFactory grains) : SettlementCancelHandler(grains, TransactionContracts.PharmacySettlementCancel, registeredVisit: false);
