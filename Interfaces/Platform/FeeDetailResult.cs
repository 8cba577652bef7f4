namespace Medisettle.Interfaces.Platform;

/// <summary>2204/2301 result: one classified fee line.</summary>
public sealed record FeeDetailResult
{
    public required string FeedetlSn { get; init; }

    public required decimal DetItemFeeSumamt { get; init; }

    public required decimal Cnt { get; init; }

    public required decimal Pric { get; init; }

    public required decimal PricUplmtAmt { get; init; }

    public required decimal SelfpayProp { get; init; }

    public required decimal FulamtOwnpayAmt { get; init; }

    public required decimal OverlmtAmt { get; init; }

    public required decimal PreselfpayAmt { get; init; }

    public required decimal InscpScpAmt { get; init; }

    public required string ChrgitmLv { get; init; }

    public required string MedChrgitmType { get; init; }

    public string? Memo { get; init; }
}
