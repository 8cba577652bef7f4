namespace Medisettle.Gateway.Transactions;

/// <summary>Where the gateway keeps institutions' 9001 sign-ins.</summary>
public interface ISignInStore
{
    /// <summary>
    /// Opens a sign-in for <paramref name="institution"/> that becomes current, or answers the sign-in that
    /// <paramref name="messageId"/> already opened (a retry gets the first answer).
    /// </summary>
    ValueTask<SignInSession> SignInAsync(string institution, string messageId, string opterNo, DateTimeOffset signedInAt, CancellationToken cancellationToken);

    /// <summary>The institution's current sign-in, or null.</summary>
    ValueTask<SignInSession?> FindAsync(string institution, CancellationToken cancellationToken);
}
