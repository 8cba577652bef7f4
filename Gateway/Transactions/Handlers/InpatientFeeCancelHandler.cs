
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2302 住院费用明细撤销.</summary>
public sealed class InpatientFeeCancelHandler(IGrainFactory grains) : FeeCancelHandler(grains, TransactionContracts.InpatientFeeCancel);
