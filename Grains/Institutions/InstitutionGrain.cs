using Medisettle.Grains.Diagnostics;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Placement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Security;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Grains.Institutions;

/// <summary>
/// 定点医药机构 grain: registration, designation (suspend/revoke/reinstate), pharmacy score and the
/// consumed receivable postings with per-day totals for reconciliation and the 协议病种 : 包干 tallies and alerts. Every committed profile change is pushed to
/// every silo's <see cref="InstitutionProfileCache"/> before the change answers, so a suspension applies to the next
/// swipe on any silo without the swipe calling this grain.
/// </summary>
public sealed partial class InstitutionGrain(
    [JournaledState("institution")] IJournaledState<InstitutionState> state,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    IOptions<SettlementOptions> options,
    IDataProtectionProvider protection,
    SettlementMetrics metrics,
    ILogger<InstitutionGrain> log) : Grain, IInstitutionGrain
{
    /// <summary>Shortest accepted signing secret, in bytes.</summary>
    public const int CredentialSecretBytesMin = 32;

    /// <summary>How long the push of a profile change waits for one silo before leaving it to its cache expiry.</summary>
    public static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The profile as last committed (read by interleaving calls while a write is in flight).</summary>
    private volatile VersionedInstitutionProfile _committed = new(null, 0);

    private readonly IDataProtector _protector = protection.CreateProtector(CredentialProtection.Purpose);

    private InstitutionState S => state.State;

    /// <summary>
    /// A plain secret left by a version before protection at rest is protected and the state rewritten before the
    /// grain answers anything, so it leaves the database at the institution's first use.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.CredentialSecret is { } plain)
        {
            S.ProtectedCredentialSecret = _protector.Protect(plain);
            S.CredentialSecret = null;
            await state.WriteOrReloadAsync(cancellationToken);
            LogSecretProtected(log, this.GetPrimaryKeyString());
        }

        _committed = new VersionedInstitutionProfile(S.Profile, S.ProfileVersion);
    }

    public Task<InstitutionProfile?> GetProfileAsync() => Task.FromResult(_committed.Profile);

    public Task<VersionedInstitutionProfile> GetVersionedProfileAsync() => Task.FromResult(_committed);

    public async Task<InstitutionSnapshot> RegisterAsync(InstitutionRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var profile = registration.Profile;
        if (profile.Code != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Profile code '{profile.Code}' does not match grain key '{this.GetPrimaryKeyString()}'.", nameof(registration));
        }

        if (registration.CredentialSecret is { } secret)
        {
            ValidateSecret(secret);
            S.ProtectedCredentialSecret = _protector.Protect(secret);
        }
        else if (S.ProtectedCredentialSecret is null)
        {
            throw new ArgumentException($"Institution {profile.Code} needs a credential secret on first registration.", nameof(registration));
        }

        S.Profile = profile;
        S.Name = registration.Name;
        await CommitProfileAsync();
        return Snapshot();
    }

    public async Task<InstitutionSnapshot> SetDesignationAsync(DesignationStatus status, string reason)
    {
        var profile = RequireProfile();
        S.Profile = profile with { Designation = status };
        await CommitProfileAsync();
        LogDesignation(log, profile.Code, status, reason);
        return Snapshot();
    }

    public async Task<InstitutionSnapshot> DeductPointsAsync(int points, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        Deduct(points, reason);
        await CommitProfileAsync();
        return Snapshot();
    }

    /// <summary>Counts <paramref name="points"/> against this year's score; a pharmacy reaching the maximum is revoked.</summary>
    private void Deduct(int points, string reason)
    {
        var profile = RequireProfile();
        var year = time.GetUtcNow().Year;
        if (S.PointsYear != year)
        {
            S.PointsYear = year;
            S.PointsDeducted = 0;
        }

        S.PointsDeducted = checked(S.PointsDeducted + points);
        if (profile.Kind == InstitutionKind.Pharmacy && S.PointsDeducted >= InstitutionRules.PharmacyPointsMax)
        {
            S.Profile = profile with { Designation = DesignationStatus.Revoked };
            LogDesignation(log, profile.Code, DesignationStatus.Revoked, $"{S.PointsDeducted} points deducted this year: {reason}");
        }
    }

    /// <summary>
    /// Commits the state with the profile's version moved on, then pushes the profile to every active silo's cache
    /// (in parallel, each bounded by <see cref="PushTimeout"/>); a silo the push misses drops its stale entry after
    /// <see cref="SettlementOptions.InstitutionCacheDuration"/>.
    /// </summary>
    private async Task CommitProfileAsync()
    {
        S.ProfileVersion = checked(S.ProfileVersion + 1);
        await state.WriteOrReloadAsync();
        var committed = new VersionedInstitutionProfile(S.Profile, S.ProfileVersion);
        _committed = committed;
        var code = this.GetPrimaryKeyString();
        await EverySilo.CallAsync<ISiloInstitutionCacheGrain>(
            GrainFactory, PushTimeout, async silo => { await silo.UpdateAsync(code, committed); return true; }, (silo, e) => LogPushFailed(log, code, silo, e));
    }

    public Task<InstitutionSnapshot?> GetSnapshotAsync() =>
        Task.FromResult(S.Profile is null ? null : Snapshot());

    public Task<string?> GetProtectedCredentialSecretAsync() => Task.FromResult(S.Profile is null ? null : S.ProtectedCredentialSecret);

    public async Task ApplyPostingsAsync(IReadOnlyList<AppliedPosting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var applied = 0;
        var raised = new List<InstitutionAlert>();
        var receivables = new List<(long Sequence, DateOnly Date)>();
        foreach (var (sequence, posting) in postings)
        {
            if (sequence <= S.AppliedThroughSequence)
            {
                continue;
            }

            ReceivableDays.Record(S, sequence, posting, options.Value.ReceivableDaysMax);
            if (posting.Kind == PostingKind.Settlement)
            {
                receivables.Add((sequence, posting.SettlementDate));
            }

            S.Receivable += posting.Amount;
            S.AppliedThroughSequence = sequence;
            S.PostingsApplied++;
            AddToDailyTotals(posting);
            CountInpatientCase(posting, sequence, raised);
            applied++;
        }

        if (applied > 0)
        {
            await state.WriteOrReloadAsync(ReceivableIndex.Appends(this.GetPrimaryKeyString(), receivables));
            OnAlertsCommitted(raised);
        }
    }

    public Task<ReceivableSpan?> FindReceivablesAsync(DateOnly from, DateOnly to) => Task.FromResult(ReceivableDays.Find(S, from, to));

    private void AddToDailyTotals(Posting posting)
    {
        if (posting.Totals is not { } totals)
        {
            return;
        }

        // A posting for a day already closed (a late settlement, or the cancel of a settlement of that day) is booked to
        // the next open day, so a frozen day never changes (InstitutionGrain.Close.cs).
        var date = BookingDate(posting.SettlementDate);
        var index = S.DailyTotals.FindIndex(d => d.Date == date);
        var current = index >= 0 ? S.DailyTotals[index] : ZeroTotal(date);
        var updated = current with
        {
            SettlementCount = current.SettlementCount + (posting.Kind == PostingKind.Reversal ? -1 : 1),
            MedicalFeeTotal = current.MedicalFeeTotal + totals.MedicalFeeTotal,
            FundPaid = current.FundPaid + totals.FundPaid,
            AccountPaid = current.AccountPaid + totals.AccountPaid,
            CashPaid = current.CashPaid + totals.CashPaid,
        };
        if (index >= 0)
        {
            S.DailyTotals[index] = updated;
            return;
        }

        S.DailyTotals.Add(updated);
        S.DailyTotals.Sort((a, b) => a.Date.CompareTo(b.Date));
        var excess = S.DailyTotals.Count - options.Value.DailyTotalsDaysMax;
        if (excess > 0)
        {
            S.DailyTotals.RemoveRange(0, excess);
        }
    }

    private InstitutionProfile RequireProfile() =>
        S.Profile ?? throw new InvalidOperationException($"Institution {this.GetPrimaryKeyString()} is not registered.");

    private InstitutionSnapshot Snapshot() => new()
    {
        Profile = S.Profile!,
        Name = S.Name,
        PointsDeducted = S.PointsDeducted,
        Receivable = S.Receivable,
        AppliedThroughSequence = S.AppliedThroughSequence,
        PostingsApplied = S.PostingsApplied,
        DailyTotals = S.DailyTotals.ToArray(),
        AgreedDiseaseTallies = S.AgreedDiseaseTallies.ToArray(),
        Alerts = S.Alerts.ToArray(),
        DeductionIds = S.DeductionIds.ToArray(),
    };

    private static void ValidateSecret(string secret)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(secret);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The credential secret must be base64.", nameof(secret));
        }

        if (bytes.Length < CredentialSecretBytesMin)
        {
            throw new ArgumentException($"The credential secret has {bytes.Length} bytes; at least {CredentialSecretBytesMin} are required.", nameof(secret));
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Institution {Code} designation is now {Status}: {Reason}")]
    private static partial void LogDesignation(ILogger logger, string code, DesignationStatus status, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Institution {Code}: the plain credential secret an older version stored is now stored protected")]
    private static partial void LogSecretProtected(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile of institution {Code} not pushed to silo {Silo}; its cache entry expires instead")]
    private static partial void LogPushFailed(ILogger logger, string code, SiloAddress silo, Exception exception);
}
