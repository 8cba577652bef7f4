using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Medisettle.Gateway.Transactions;

/// <summary>
/// Sign-ins in this process's memory only, for a gateway without the settlement grains (tests, a demo): one entry per
/// authenticated institution, so its size is bounded by the registered institutions. A new sign-in replaces the
/// previous one; a retry of the current one (same msgid) answers it again. <see cref="GrainSignInStore"/> keeps
/// sign-ins in the cluster instead.
/// </summary>
public sealed class SignInRegistry : ISignInStore
{
    private readonly ConcurrentDictionary<string, SignInSession> _sessions = new(StringComparer.Ordinal);

    public ValueTask<SignInSession> SignInAsync(string institution, string messageId, string opterNo, DateTimeOffset signedInAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(institution);
        ArgumentNullException.ThrowIfNull(messageId);
        var session = _sessions.AddOrUpdate(
            institution,
            (_, fresh) => fresh,
            (_, current, fresh) => string.Equals(current.MessageId, fresh.MessageId, StringComparison.Ordinal) ? current : fresh,
            new SignInSession(messageId, RandomNumberGenerator.GetHexString(SignInHandler.SignNoLength, lowercase: true), opterNo, signedInAt));
        return ValueTask.FromResult(session);
    }

    public ValueTask<SignInSession?> FindAsync(string institution, CancellationToken cancellationToken) => ValueTask.FromResult(Find(institution));

    public SignInSession? Find(string institution)
    {
        ArgumentNullException.ThrowIfNull(institution);
        return _sessions.GetValueOrDefault(institution);
    }

    /// <summary>Whether <paramref name="signNo"/> is the institution's current sign-in number.</summary>
    public bool IsCurrent(string institution, string? signNo) =>
        signNo is not null && Find(institution) is { } session && string.Equals(session.SignNo, signNo, StringComparison.Ordinal);
}
