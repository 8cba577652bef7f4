namespace Medisettle.Interfaces.Platform;

/// <summary>9001 signinoutb: the session number (签到编号) to quote as <c>sign_no</c>.</summary>
public sealed record SignInResult
{
    public required string SignTime { get; init; }

    public required string SignNo { get; init; }
}
