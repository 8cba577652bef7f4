namespace Medisettle.Interfaces.Platform;

/// <summary>2204/2301 费用明细上传 input.</summary>
public sealed record FeeDetailUploadInput
{
    public required IReadOnlyList<FeeDetail> Feedetail { get; init; }
}
