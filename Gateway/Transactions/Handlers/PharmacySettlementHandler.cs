
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2102 药店结算.</summary>
public sealed class PharmacySettlementHandler(IGrainFactory grains) : PharmacyHandler(grains, TransactionContracts.PharmacySettlement, commit: true);
