
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2101 药店预结算.</summary>
public sealed class PharmacyPreSettlementHandler(IGrainFactory grains) : PharmacyHandler(grains, TransactionContracts.PharmacyPreSettlement, commit: false);
