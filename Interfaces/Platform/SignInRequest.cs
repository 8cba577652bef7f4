namespace Medisettle.Interfaces.Platform;

/// <summary>9001 signIn: the operator and the terminal signing in.</summary>
public sealed record SignInRequest
{
    public required string OpterNo { get; init; }

    public required string Mac { get; init; }

    public required string Ip { get; init; }
}
