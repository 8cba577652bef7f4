namespace Medisettle.Interfaces.Platform;

/// <summary>1101 人员信息获取 input.</summary>
public sealed record PersonInfoInput
{
    public required PersonInfoQuery Data { get; init; }
}
