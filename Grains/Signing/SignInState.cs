using Medisettle.Interfaces.Security;

namespace Medisettle.Grains.Signing;

/// <summary>The durable state of a sign-in grain: the recent sign-ins, oldest first; the last is current.</summary>
public sealed class SignInState
{
    public List<SignInRecord> Recent { get; set; } = [];
}
