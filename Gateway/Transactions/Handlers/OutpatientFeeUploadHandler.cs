
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2204 门诊费用明细上传.</summary>
public sealed class OutpatientFeeUploadHandler(IGrainFactory grains) : FeeUploadHandler(grains, TransactionContracts.OutpatientFeeUpload);
