using Orleans.Concurrency;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// 定点医药机构 a designated institution (key: fixmedins_code): designation status, level, kind, region,
/// networked flag, credential and score; consumes its receivable postings into per-day totals.
/// </summary>
public interface IInstitutionGrain : IGrainWithStringKey
{
    Task<InstitutionSnapshot> RegisterAsync(InstitutionRegistration registration);

    /// <summary>Suspends (暂停), revokes (取消) or reinstates the designation; takes effect for the next swipe.</summary>
    Task<InstitutionSnapshot> SetDesignationAsync(DesignationStatus status, string reason);

    /// <summary>Deducts score points; a pharmacy reaching the yearly maximum is revoked at once.</summary>
    Task<InstitutionSnapshot> DeductPointsAsync(int points, string reason);

    /// <summary>
    /// <see cref="DeductPointsAsync"/> at most once per <paramref name="deductionId"/>: a second call with the same id
    /// changes nothing and answers the snapshot (the last <c>InstitutionState.DeductionIdsMax</c> ids are remembered).
    /// </summary>
    Task<InstitutionSnapshot> DeductPointsOnceAsync(string deductionId, int points, string reason);

    Task<InstitutionSnapshot?> GetSnapshotAsync();

    /// <summary>
    /// The committed profile for the settlement hot path, or null when not registered. Interleaves with the grain's
    /// other calls (it never waits behind a posting write) and never shows a change before it is committed.
    /// </summary>
    [AlwaysInterleave]
    Task<InstitutionProfile?> GetProfileAsync();

    /// <summary>
    /// <see cref="GetProfileAsync"/> with the profile's version (one more with every committed change), for the
    /// silos' profile caches: a newer version always replaces an older one.
    /// </summary>
    [AlwaysInterleave]
    Task<VersionedInstitutionProfile> GetVersionedProfileAsync();

    /// <summary>
    /// The signing secret as stored, protected with ASP.NET Core Data Protection (purpose
    /// <see cref="Security.CredentialProtection.Purpose"/>), or null when not registered. The caller unprotects it
    /// with the cluster's key ring; the plain secret never crosses a grain call.
    /// </summary>
    Task<string?> GetProtectedCredentialSecretAsync();

    /// <summary>
    /// Daily close (日结) of <paramref name="date"/>: freezes the day's totals as applied so far, with its journal entry, once.
    /// Called again, answers the same close. A posting for a closed day applied later is booked to the next open day.
    /// </summary>
    Task<DailyClose> CloseDayAsync(DateOnly date);

    /// <summary>
    /// Where the receivable postings with a settlement date from <paramref name="from"/> through <paramref name="to"/>
    /// lie among the postings applied so far, or null when this grain cannot say (dates older than those it keeps, or
    /// postings applied by an earlier version that kept no dates): the caller then reads the whole posting stream.
    /// </summary>
    [ReadOnly]
    Task<ReceivableSpan?> FindReceivablesAsync(DateOnly from, DateOnly to);

    /// <summary>Applies receivable postings idempotently (by journal sequence) and commits the new position.</summary>
    Task ApplyPostingsAsync(IReadOnlyList<AppliedPosting> postings);
}
