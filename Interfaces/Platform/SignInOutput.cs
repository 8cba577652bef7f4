namespace Medisettle.Interfaces.Platform;

/// <summary>9001 output.</summary>
public sealed record SignInOutput
{
    public required SignInResult Signinoutb { get; init; }
}
