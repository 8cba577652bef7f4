
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2205 门诊费用明细撤销.</summary>
public sealed class OutpatientFeeCancelHandler(IGrainFactory grains) : FeeCancelHandler(grains, TransactionContracts.OutpatientFeeCancel);
