using System.Collections.Concurrent;

namespace Medisettle.Gateway.Security;

/// <summary>A credential store held in memory, for tests and the demo.</summary>
public sealed class InMemoryInstitutionCredentialStore : IInstitutionCredentialStore
{
    private readonly ConcurrentDictionary<string, InstitutionCredential> _credentials = new(StringComparer.Ordinal);

    public InMemoryInstitutionCredentialStore()
    {
    }

    public InMemoryInstitutionCredentialStore(IEnumerable<InstitutionCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        foreach (var credential in credentials)
        {
            Set(credential);
        }
    }

    /// <summary>Adds or replaces the institution's credential.</summary>
    public void Set(InstitutionCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credentials[credential.FixmedinsCode] = credential;
    }

    public ValueTask<InstitutionCredential?> FindAsync(string fixmedinsCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixmedinsCode);
        return ValueTask.FromResult(_credentials.GetValueOrDefault(fixmedinsCode));
    }
}
