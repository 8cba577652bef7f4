namespace Medisettle.Interfaces.Platform;

/// <summary>2205/2302 费用明细撤销 input.</summary>
public sealed record FeeDetailCancelInput
{
    public required FeeDetailCancellation Data { get; init; }
}
