using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Medisettle.Grains.Demo;

/// <summary>Enrols the demo people and registers the demo institutions through their grains (first start only).</summary>
public sealed class DemoSeeder(IGrainFactory grains)
{
    /// <summary>Enrolments in flight at once while seeding.</summary>
    public const int ConcurrencyMax = 256;

    /// <summary>True when the demo data is already there (the last demo institution and person exist).</summary>
    public async Task<bool> IsSeededAsync(int personCount, int institutionCount)
    {
        var institution = await grains.GetGrain<IInstitutionGrain>(DemoData.InstitutionCode(institutionCount - 1)).GetSnapshotAsync();
        var person = await grains.GetGrain<IPersonGrain>(DemoData.PersonId(personCount - 1)).GetSnapshotAsync();
        return institution is not null && person is not null;
    }

    /// <summary>
    /// Registers <paramref name="institutionCount"/> institutions with fresh random secrets and enrols
    /// <paramref name="personCount"/> people; returns the secrets (the only copy outside the grains, which keep them protected).
    /// </summary>
    public async Task<DemoCredentials> SeedAsync(int personCount, int institutionCount, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var credentials = DemoCredentials.Generate(institutionCount);
        await SeedAsync(personCount, institutionCount, credentials, progress, cancellationToken);
        return credentials;
    }

    /// <summary>Registers <paramref name="institutionCount"/> institutions with the given secrets and enrols <paramref name="personCount"/> people.</summary>
    public async Task SeedAsync(int personCount, int institutionCount, DemoCredentials credentials, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(personCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(institutionCount);
        ArgumentNullException.ThrowIfNull(credentials);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, institutionCount),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrencyMax, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var registration = DemoData.Institution(i, credentials.SecretOf(DemoData.InstitutionCode(i)));
                await grains.GetGrain<IInstitutionGrain>(registration.Profile.Code).RegisterAsync(registration);
            });
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, personCount),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrencyMax, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var enrolment = DemoData.Person(i);
                await grains.GetGrain<IPersonGrain>(enrolment.Profile.PersonId).EnrolAsync(enrolment);
                var count = Interlocked.Increment(ref done);
                if (count % 10_000 == 0)
                {
                    progress?.Report(count);
                }
            });
    }

    /// <summary>
    /// The secrets the first <paramref name="institutionCount"/> demo institutions hold, unprotected with this
    /// process's key ring (a silo restarting on seeded data writes them to demo-credentials.json again).
    /// </summary>
    public async Task<DemoCredentials> ReadCredentialsAsync(int institutionCount, IDataProtectionProvider protection, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(institutionCount);
        ArgumentNullException.ThrowIfNull(protection);
        var protector = protection.CreateProtector(CredentialProtection.Purpose);
        var secrets = new string[institutionCount];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, institutionCount),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrencyMax, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var code = DemoData.InstitutionCode(i);
                var stored = await grains.GetGrain<IInstitutionGrain>(code).GetProtectedCredentialSecretAsync()
                    ?? throw new InvalidOperationException($"Demo institution {code} is not registered.");
                secrets[i] = protector.Unprotect(stored);
            });
        return new DemoCredentials(secrets.Select((secret, i) => KeyValuePair.Create(DemoData.InstitutionCode(i), secret)));
    }
}
