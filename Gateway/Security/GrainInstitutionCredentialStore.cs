using System.Collections.Concurrent;
using System.Security.Cryptography;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Medisettle.Gateway.Security;

/// <summary>
/// Credentials from the institution grains (<see cref="IInstitutionGrain.GetProtectedCredentialSecretAsync"/>): the grain
/// keeps the secret protected, and this store unprotects it with the cluster's Data Protection key ring (purpose
/// <see cref="CredentialProtection.Purpose"/>), so a stand-alone gateway needs the same key directory as the silos.
/// Cached per institution; the admin API calls <see cref="Invalidate"/> when it registers or updates an institution,
/// so a new secret applies to the next request. Unknown institutions are not cached (a later registration is seen at
/// once). Bounded: past <see cref="EntriesMax"/> the cache is cleared.
/// </summary>
/// <remarks>Single-silo consistency: a separate gateway process would need the change pushed to it.</remarks>
public sealed class GrainInstitutionCredentialStore(IGrainFactory grains, IDataProtectionProvider protection) : IInstitutionCredentialStore
{
    /// <summary>Most credentials kept in memory.</summary>
    public const int EntriesMax = 100_000;

    private readonly ConcurrentDictionary<string, InstitutionCredential> _cache = new(StringComparer.Ordinal);
    private readonly IDataProtector _protector = protection.CreateProtector(CredentialProtection.Purpose);

    public async ValueTask<InstitutionCredential?> FindAsync(string fixmedinsCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixmedinsCode);
        if (_cache.TryGetValue(fixmedinsCode, out var cached))
        {
            return cached;
        }

        var protectedSecret = await grains.GetGrain<IInstitutionGrain>(fixmedinsCode).GetProtectedCredentialSecretAsync();
        if (protectedSecret is null)
        {
            return null;
        }

        var secret = Unprotect(fixmedinsCode, protectedSecret);
        if (secret.Length < InstitutionCredential.SecretLengthMin)
        {
            return null;
        }

        if (_cache.Count >= EntriesMax)
        {
            _cache.Clear();
        }

        var credential = new InstitutionCredential(fixmedinsCode, secret);
        _cache[fixmedinsCode] = credential;
        return credential;
    }

    /// <summary>Forgets the cached credential of an institution (its secret or registration changed).</summary>
    public void Invalidate(string fixmedinsCode) => _cache.TryRemove(fixmedinsCode, out _);

    /// <summary>A secret this process cannot unprotect is a deployment fault (another key ring), never a client's: it is reported as such.</summary>
    private string Unprotect(string fixmedinsCode, string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"The credential secret of institution {fixmedinsCode} cannot be unprotected with this process's Data Protection key ring: " +
                "every silo and gateway of a cluster must use the same key directory (by default {data-dir}/keys).", e);
        }
    }
}
