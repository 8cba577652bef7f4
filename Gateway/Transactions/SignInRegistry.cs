using System.Collections.Concurrent;

namespace Medisettle.Gateway.Transactions;

/// <summary>
/// The current sign-in of each institution: one entry per authenticated institution, so its size
/// is bounded by the registered institutions. A new sign-in replaces the previous one.
/// </summary>
public sealed class SignInRegistry
{
    private readonly ConcurrentDictionary<string, SignInSession> _sessions = new(StringComparer.Ordinal);

    public void Record(string institution, SignInSession session)
    {
        ArgumentNullException.ThrowIfNull(institution);
        ArgumentNullException.ThrowIfNull(session);
        _sessions[institution] = session;
    }

    public SignInSession? Find(string institution)
    {
        ArgumentNullException.ThrowIfNull(institution);
        return _sessions.GetValueOrDefault(institution);
    }

    /// <summary>Whether <paramref name="signNo"/> is the institution's current sign-in number.</summary>
    public bool IsCurrent(string institution, string? signNo) =>
        signNo is not null && Find(institution) is { } session && string.Equals(session.SignNo, signNo, StringComparison.Ordinal);
}
