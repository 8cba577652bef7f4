using Medisettle.Interfaces.Security;

namespace Medisettle.Interfaces.Grains;

/// <summary>An institution's 9001 sign-ins (签到), key fixmedins_code: the current one and the recent ones by msgid.</summary>
public interface ISignInGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens a new sign-in that becomes current, or, when <paramref name="messageId"/> already signed in, answers that
    /// sign-in unchanged (a retry gets the first answer).
    /// </summary>
    Task<SignInRecord> SignInAsync(string messageId, string opterNo, DateTimeOffset signedInAt);

    /// <summary>The current sign-in, or null when the institution never signed in.</summary>
    Task<SignInRecord?> GetCurrentAsync();
}
