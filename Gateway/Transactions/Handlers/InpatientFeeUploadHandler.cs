
namespace Medisettle.Gateway.Transactions.Handlers;

/// <summary>2301 住院费用明细上传.</summary>
public sealed class InpatientFeeUploadHandler(IGrainFactory grains) : FeeUploadHandler(grains, TransactionContracts.InpatientFeeUpload);
