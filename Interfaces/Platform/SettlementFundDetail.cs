namespace Medisettle.Interfaces.Platform;

/// <summary>setldetail: what one fund (基金) paid.</summary>
public sealed record SettlementFundDetail
{
    public required string FundPayType { get; init; }

    public required decimal InscpScpAmt { get; init; }

    public required decimal CrtPaybLmtAmt { get; init; }

    public required decimal FundPayamt { get; init; }

    public required string SetlProcInfo { get; init; }
}
