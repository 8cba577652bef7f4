using Medisettle.Grains.Controls;
using Medisettle.Grains.Diagnostics;
using Medisettle.Grains.Institutions;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Grains.Persons;

/// <summary>
/// 参保人 grain. Every settlement of the person runs here one at a time: the engine computes the split from
/// the current accumulators, and the new accumulators, the settlement record, the message receipt and the
/// postings commit in one transaction. A message id is looked up before any other check: a retry returns the first
/// answer (from the recent-answer cache, or — however old — from the journal, whose unique receipt id refuses a
/// second commit), and the msgid reused for a different request is refused as a conflict. The pack's control rules
/// see the person's recent swipes and running supplies (<see cref="PersonState.ControlHistory"/>), which only this
/// grain changes, one swipe at a time, so velocity and duplicate purchases hold however many gateways and institutions
/// swipe the person at once; their flags commit with the settlement (or the refusal) that raised them.
/// </summary>
public sealed partial class PersonGrain(
    [JournaledState("person")] IJournaledState<PersonState> state,
    PolicyCatalogProvider policies,
    InstitutionProfileCache institutions,
    IJournal journal,
    ReceiptKeys receiptKeys,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    IOptions<SettlementOptions> options,
    SettlementMetrics metrics,
    ILogger<PersonGrain> log) : Grain, IPersonGrain
{
    private readonly SettlementOptions _options = options.Value;

    private PersonState S => state.State;

    public async Task<PersonSnapshot> EnrolAsync(PersonEnrolment enrolment)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        var profile = enrolment.Profile;
        if (profile.PersonId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Profile person id '{profile.PersonId}' does not match grain key '{this.GetPrimaryKeyString()}'.", nameof(enrolment));
        }

        if (enrolment.OpeningAccountBalance.IsNegative)
        {
            throw new ArgumentException($"Opening account balance {enrolment.OpeningAccountBalance} is negative.", nameof(enrolment));
        }

        var isNew = S.Profile is null;
        S.Profile = profile;
        if (isNew)
        {
            S.AccountBalance = enrolment.OpeningAccountBalance;
            S.Journal = new PersonJournalPosition();
        }

        await state.WriteOrReloadAsync();
        _changesSinceCheckpoint = 0;
        if (isNew)
        {
            FenceAtLastEntry(); // an empty stream; from here on this activation appends without rewriting the row
        }

        return Snapshot(S.Profile);
    }

    public Task<PersonSnapshot?> GetSnapshotAsync() =>
        Task.FromResult(S.Profile is { } profile ? Snapshot(profile) : null);

    public async Task<SettlementOutcome> PreSettleAsync(SettleCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (computation, _, rejection) = await ComputeAsync(command, null, time.GetUtcNow());
        if (rejection is not null)
        {
            return rejection;
        }

        return computation!.IsSettled
            ? new SettlementOutcome { Status = SettlementStatus.PreSettled, Breakdown = computation.Breakdown, AnsweredAt = time.GetUtcNow() }
            : SettlementOutcome.Rejected(computation.Rejection, time.GetUtcNow());
    }

    public async Task<SettlementOutcome> SettleAsync(SettleCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var key = LedgerNames.MessageKey(command.InstitutionCode, command.MessageId);
        var digest = DigestOf(command.RequestDigest, command);
        if (await FindRecentAnswerAsync(command.InstitutionCode, command.MessageId, digest) is { } recent)
        {
            return recent;
        }

        // The journal's receipts are read only when this message would not commit: a message that commits cannot have
        // been answered before (its receipt's unique id would refuse the commit, answered below from that receipt), so
        // fresh settlements pay no journal read on the way.
        var now = time.GetUtcNow();
        var settlementId = LedgerNames.SettlementIdOf(command.InstitutionCode, command.MessageId) ?? NewSettlementId(now);
        var (computation, institution, rejection) = await ComputeAsync(command, settlementId, now);
        if (rejection is not null)
        {
            if (await AnswerFromJournalAsync(command.InstitutionCode, command.MessageId, digest) is { } answered)
            {
                return answered;
            }

            metrics.OnRejected(rejection.Rejection!.Code);
            return rejection;
        }

        if (!computation!.IsSettled)
        {
            if (await AnswerFromJournalAsync(command.InstitutionCode, command.MessageId, digest) is { } answered)
            {
                return answered;
            }

            return await RefuseAsync(command, key, digest, computation, now);
        }

        if (await receiptKeys.MayHaveLegacyReceiptAsync(command.InstitutionCode, command.MessageId)
            && await AnswerFromJournalAsync(command.InstitutionCode, command.MessageId, digest) is { } legacyAnswer)
        {
            return legacyAnswer; // answered before under the receipt's legacy entry id, which the commit would not meet
        }

        return await CommitSettlementAsync(command, key, digest, settlementId, computation, institution!, now);
    }

    /// <summary>
    /// Remembers a refusal. A refusal by a control rule also commits its flag for review; a retry of it that the cache
    /// forgot meets the flag's entry id and is answered the same refusal without a second flag.
    /// </summary>
    private async Task<SettlementOutcome> RefuseAsync(SettleCommand command, string key, string digest, SettlementComputation computation, DateTimeOffset now)
    {
        var rejection = computation.Rejection!;
        ControlFlag? flag = null;
        if (computation.RefusedBy is { } finding)
        {
            flag = ControlFlags.Refused(finding, command, S.Profile!.PersonId, now);
            rejection = rejection with { Message = $"{rejection.Message}; flagged for review as {flag.FlagId}" };
        }

        var refused = SettlementOutcome.Rejected(rejection, now);
        Remember(key, digest, refused);
        if (flag is null && AppendsWithoutRow)
        {
            // Nothing to journal: the answer stays in the recent-answer cache (a retry the cache forgot is computed again).
            metrics.OnRejected(rejection.Code);
            return refused;
        }

        try
        {
            await CommitAsync(flag is null ? [] : [ControlFlags.ToAppend(flag)], null);
        }
        catch (DuplicateJournalEntryException)
        {
            return refused;
        }

        metrics.OnRejected(rejection.Code);
        if (flag is not null)
        {
            metrics.OnFlagged(flag.Rule, flag.Action);
        }

        return refused;
    }

    private async Task<SettlementOutcome> CommitSettlementAsync(
        SettleCommand command, string key, string digest, string settlementId, SettlementComputation computation, InstitutionProfile institution, DateTimeOffset now)
    {
        var profile = S.Profile!;
        var breakdown = computation.Breakdown!;
        var history = computation.HistoryAfter!;
        var (keptSwipe, keptSupplies) = history.Holds(settlementId);
        var (_, settlementAppends) = LedgerWriter.Settle(settlementId, command, digest, profile, institution, breakdown, now, keptSwipe, keptSupplies);
        var flags = ControlFlags.Settled(breakdown, settlementId, command, now);
        IReadOnlyList<JournalAppend> appends = [.. flags.Select(ControlFlags.ToAppend), .. settlementAppends]; // the record last (LedgerWriter.Settle)
        var outcome = new SettlementOutcome { Status = SettlementStatus.Settled, SettlementId = settlementId, Breakdown = breakdown, AnsweredAt = now };

        S.ApplySettlement(command.Visit.VisitId, settlementId, breakdown, computation.YearToDateAfter!, _options.CancelWindowYears);
        S.ControlHistory = history;
        Remember(key, digest, outcome);
        try
        {
            await CommitAsync(appends, LedgerNames.SettlementEntry(settlementId));
        }
        catch (DuplicateJournalEntryException)
        {
            // The msgid was answered before (a retry the cache forgot, or the same msgid for another request or person):
            // its receipt decides the answer.
            return await AnswerFromJournalAsync(command.InstitutionCode, command.MessageId, digest)
                ?? throw new InvalidOperationException($"Message {key} is in the journal but its receipt could not be read.");
        }

        metrics.OnSettled(breakdown);
        foreach (var flag in flags)
        {
            metrics.OnFlagged(flag.Rule, flag.Action);
        }

        LogSettled(log, settlementId, command.InstitutionCode, breakdown.TotalAmount.Fen, breakdown.FundPaySum.Fen);
        return outcome;
    }

    /// <summary>Runs the engine on the current state, or answers a rejection that needs no engine.</summary>
    private async Task<(SettlementComputation? Computation, InstitutionProfile? Institution, SettlementOutcome? Rejection)> ComputeAsync(SettleCommand command, string? settlementId, DateTimeOffset now)
    {
        if (S.Profile is not { } profile)
        {
            return (null, null, SettlementOutcome.Rejected(RejectionCode.UnknownPerson, $"person {Mask(this.GetPrimaryKeyString())} is not enrolled", now));
        }

        if (command.DeclaredRegion is { } declared && declared != profile.InsuredRegion)
        {
            return (null, null, SettlementOutcome.Rejected(RejectionCode.RegionMismatch, $"insuplc_admdvs {declared} is not the person's insured region {profile.InsuredRegion}", now));
        }

        if (await InstitutionProfileAsync(command.InstitutionCode) is not { } institution)
        {
            return (null, null, SettlementOutcome.Rejected(RejectionCode.UnknownInstitution, $"Institution {command.InstitutionCode} is not registered.", now));
        }

        if (S.ActiveSettlements.TryGetValue(command.Visit.VisitId, out var existing))
        {
            return (null, null, SettlementOutcome.Rejected(
                RejectionCode.VisitAlreadySettled, $"Visit {command.Visit.VisitId} is already settled as {existing.SettlementId}; cancel it first.", now));
        }

        var input = new EngineInput
        {
            Person = profile,
            Institution = institution,
            Visit = command.Visit,
            YearToDate = S.YearToDateFor(command.Visit.DecisionDate.Year),
            PersonalAccountBalance = command.UseAccount ? S.AccountBalance : Money.Zero,
            History = S.ControlHistory,
            SwipedAt = now,
            SettlementId = settlementId,
        };
        var computation = policies.Engine.Compute(input);
        if (computation.IsSettled && !command.UseAccount)
        {
            // The engine saw a zero balance; the balance after is the untouched real balance.
            computation = computation with { Breakdown = computation.Breakdown with { AccountBalanceAfter = S.AccountBalance } };
        }

        return (computation, institution, null);
    }

    /// <summary>The institution's committed profile from this silo's cache; on a miss (or an expired entry) from its grain.</summary>
    private async Task<InstitutionProfile?> InstitutionProfileAsync(string code)
    {
        if (institutions.TryGet(code, _options.InstitutionCacheDuration, out var cached))
        {
            return cached.Profile;
        }

        var fetched = await GrainFactory.GetGrain<IInstitutionGrain>(code).GetVersionedProfileAsync();
        institutions.Set(code, fetched);
        return fetched.Profile;
    }

    private PersonSnapshot Snapshot(PersonProfile profile) => new()
    {
        Profile = profile,
        AccountBalance = S.AccountBalance,
        Years = S.Years.Values.OrderBy(y => y.BenefitYear).ToArray(),
        ActiveSettlements = S.ActiveSettlements.ToDictionary(pair => pair.Key, pair => pair.Value.SettlementId, StringComparer.Ordinal),
    };

    /// <summary>
    /// 结算ID of a settlement whose msgid is not of the platform's form (those take an id made from it:
    /// <see cref="LedgerNames.SettlementIdOf"/>): "S", the UTC date, 8 hex digits of the millisecond of the day and 13
    /// random hex digits (52 bits): 30 characters, the platform's setl_id length. Time-ordered, so the journal's entry-id index takes each batch's
    /// settlement and posting entries at its right edge instead of on as many random pages as there are settlements.
    /// </summary>
    internal static string NewSettlementId(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var millisecondOfDay = (long)utc.TimeOfDay.TotalMilliseconds;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"S{utc:yyyyMMdd}{millisecondOfDay:x8}{Random.Shared.NextInt64(1L << 52):x13}");
    }

    /// <summary>Keeps the first 6 and last 4 characters of an id (never log a full id number).</summary>
    internal static string Mask(string id) =>
        id.Length <= 10 ? new string('*', id.Length) : string.Concat(id.AsSpan(0, 6), new string('*', id.Length - 10), id.AsSpan(id.Length - 4));

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Settled {SettlementId} at {Institution}: total {TotalFen} fen, funds {FundFen} fen")]
    private static partial void LogSettled(ILogger logger, string settlementId, string institution, long totalFen, long fundFen);
}
