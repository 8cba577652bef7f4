using Medisettle.Interfaces.Grains;

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

    /// <summary>Registers <paramref name="institutionCount"/> institutions and enrols <paramref name="personCount"/> people.</summary>
    public async Task SeedAsync(int personCount, int institutionCount, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(personCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(institutionCount);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, institutionCount),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrencyMax, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var registration = DemoData.Institution(i);
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
}
