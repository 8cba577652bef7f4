namespace Medisettle.Gateway.Security;

/// <summary>Where the gateway looks up an institution's signing credential.</summary>
public interface IInstitutionCredentialStore
{
    /// <summary>The institution's credential, or <c>null</c> when the institution is not registered.</summary>
    ValueTask<InstitutionCredential?> FindAsync(string fixmedinsCode, CancellationToken cancellationToken);
}
