using System.Collections.Concurrent;
using Medisettle.Interfaces.Grains;

namespace Medisettle.Gateway.Security;

/// <summary>
/// Credentials from the institution grains (<see cref="IInstitutionGrain.GetCredentialSecretAsync"/>), cached per
/// institution. The admin API calls <see cref="Invalidate"/> when it registers or updates an institution, so a new
/// secret applies to the next request. Unknown institutions are not cached (a later registration is seen at once).
/// Bounded: past <see cref="EntriesMax"/> the cache is cleared.
/// </summary>
/// <remarks>Single-silo consistency: a separate gateway process would need the change pushed to it.</remarks>
public sealed class GrainInstitutionCredentialStore(IGrainFactory grains) : IInstitutionCredentialStore
{
    /// <summary>Most credentials kept in memory.</summary>
    public const int EntriesMax = 100_000;

    private readonly ConcurrentDictionary<string, InstitutionCredential> _cache = new(StringComparer.Ordinal);

    public async ValueTask<InstitutionCredential?> FindAsync(string fixmedinsCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixmedinsCode);
        if (_cache.TryGetValue(fixmedinsCode, out var cached))
        {
            return cached;
        }

        var secret = await grains.GetGrain<IInstitutionGrain>(fixmedinsCode).GetCredentialSecretAsync();
        if (secret is null || secret.Length < InstitutionCredential.SecretLengthMin)
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
}
