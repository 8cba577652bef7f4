using System.Text.Json.Serialization;

namespace Medisettle.Interfaces.Platform;

/// <summary>9001 签到 input. The platform spells the wrapper <c>signIn</c> (camel case).</summary>
public sealed record SignInInput
{
    [JsonPropertyName("signIn")]
    public required SignInRequest SignIn { get; init; }
}
