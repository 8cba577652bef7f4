using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Grains.Visits;

/// <summary>
/// 就诊 grain: one registered visit and its uploaded fee lines. Every change is checked against the registering
/// institution and person, recorded with its message id (a retry returns success and changes nothing) and
/// written before it is answered.
/// </summary>
public sealed partial class VisitGrain(
    [PersistentState("visit")] IPersistentState<VisitState> state,
    IOptions<SettlementOptions> options,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    ILogger<VisitGrain> log) : Grain, IVisitGrain, IIncomingGrainCallFilter
{
    /// <summary>
    /// Accepted message ids a visit remembers for retries, all accepted within <see cref="SettlementOptions.VisitMessageRetention"/>:
    /// a change past that many within it is refused (<see cref="VisitRejectionCode.TooManyRecentChanges"/>), so no
    /// message is forgotten while a repeat of it could still pass a gateway's replay window.
    /// </summary>
    public const int MessagesMax = 1024;

    /// <summary>The <c>feedetl_sn</c> that withdraws every line of the visit.</summary>
    public const string AllLines = "0000";

    private IdleLeave? _idle;

    private VisitState S => state.State;

    private string VisitId => this.GetPrimaryKeyString();

    public async Task<VisitOutcome> OpenAsync(VisitOpening opening)
    {
        ArgumentNullException.ThrowIfNull(opening);
        if (S.PersonId is not null)
        {
            return Replay(opening.MessageId, "open")
                ?? VisitOutcome.Refused(VisitRejectionCode.MessageConflict, $"Visit {VisitId} is already registered.");
        }

        S.PersonId = opening.PersonId;
        S.InstitutionCode = opening.InstitutionCode;
        S.InstitutionVisitNo = opening.InstitutionVisitNo;
        S.Type = opening.Type;
        S.BeginDate = opening.BeginDate;
        S.IsTransfer = opening.IsTransfer;
        S.DiseaseCode = opening.DiseaseCode;
        S.Status = VisitStatus.Open;
        LogOpened(log, VisitId, opening.InstitutionCode, opening.Type.ToString());
        return await CommitAsync(opening.MessageId, "open");
    }

    public async Task<VisitOutcome> CancelAsync(VisitCommand command)
    {
        if (Check(command, "cancel", requireOpen: true) is { } refused)
        {
            return refused;
        }

        S.Status = VisitStatus.Cancelled;
        return await CommitAsync(command.MessageId, "cancel");
    }

    public async Task<VisitOutcome> UpdateAsync(VisitCommand command, VisitDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (Check(command, "update", requireOpen: true) is { } refused)
        {
            return refused;
        }

        if (details.DischargeDate is { } discharged)
        {
            if (S.Type is not (Interfaces.Settlement.VisitType.Inpatient or Interfaces.Settlement.VisitType.Accident))
            {
                return VisitOutcome.Refused(VisitRejectionCode.WrongVisitKind, $"Visit {VisitId} is a {S.Type} visit, not an inpatient stay; it has no discharge.");
            }

            if (discharged < S.BeginDate)
            {
                return VisitOutcome.Refused(VisitRejectionCode.InvalidDate, $"Discharge date {discharged:yyyy-MM-dd} is before admission {S.BeginDate:yyyy-MM-dd}.");
            }

            S.DischargeDate = discharged;
        }

        S.Type = details.Type ?? S.Type;
        S.DiseaseCode = details.DiseaseCode ?? S.DiseaseCode;
        return await CommitAsync(command.MessageId, "update");
    }

    public async Task<VisitOutcome> AddFeeLinesAsync(VisitCommand command, IReadOnlyList<VisitFeeLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (Check(command, "fees", requireOpen: true) is { } refused)
        {
            return refused;
        }

        var serials = new HashSet<string>(S.FeeLines.Select(l => l.SerialNo), StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!serials.Add(line.SerialNo))
            {
                return VisitOutcome.Refused(VisitRejectionCode.DuplicateFeeLine, $"Fee line {line.SerialNo} is already uploaded for visit {VisitId}.");
            }
        }

        if (S.FeeLines.Count + lines.Count > Visit.FeeLinesMax)
        {
            return VisitOutcome.Refused(
                VisitRejectionCode.TooManyFeeLines, $"Visit {VisitId} would hold {S.FeeLines.Count + lines.Count} fee lines; at most {Visit.FeeLinesMax} (FeeLinesMax).");
        }

        S.FeeLines.AddRange(lines);
        return await CommitAsync(command.MessageId, "fees");
    }

    public async Task<VisitOutcome> RemoveFeeLinesAsync(VisitCommand command, string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (Check(command, "fees-cancel", requireOpen: true) is { } refused)
        {
            return refused;
        }

        var removed = selector == AllLines
            ? S.FeeLines.RemoveAll(_ => true)
            : S.FeeLines.RemoveAll(l => l.SerialNo == selector);
        if (removed == 0 && selector != AllLines)
        {
            removed = S.FeeLines.RemoveAll(l => l.BatchNo == selector);
        }

        if (removed == 0 && selector != AllLines)
        {
            return VisitOutcome.Refused(VisitRejectionCode.NoSuchFeeLine, $"Visit {VisitId} has no fee line or batch {selector}.");
        }

        return await CommitAsync(command.MessageId, "fees-cancel");
    }

    public Task<VisitSnapshot?> GetAsync() => Task.FromResult(S.PersonId is null ? null : Snapshot());

    public async Task<VisitOutcome> MarkSettledAsync(string institutionCode, string settlementId)
    {
        ArgumentNullException.ThrowIfNull(settlementId);
        if (CheckOwner(institutionCode) is { } refused)
        {
            return refused;
        }

        if (S.Status == VisitStatus.Settled && S.SettlementId == settlementId)
        {
            return VisitOutcome.Ok(Snapshot());
        }

        if (S.Status != VisitStatus.Open)
        {
            return VisitOutcome.Refused(VisitRejectionCode.NotOpen, $"Visit {VisitId} is {S.Status}{(S.SettlementId is null ? "" : " as " + S.SettlementId)}.");
        }

        S.Status = VisitStatus.Settled;
        S.SettlementId = settlementId;
        await state.WriteOrReloadAsync();
        return VisitOutcome.Ok(Snapshot());
    }

    public async Task<VisitOutcome> MarkSettlementCancelledAsync(string institutionCode, string settlementId)
    {
        ArgumentNullException.ThrowIfNull(settlementId);
        if (CheckOwner(institutionCode) is { } refused)
        {
            return refused;
        }

        if (S.Status == VisitStatus.Settled && S.SettlementId == settlementId)
        {
            S.Status = VisitStatus.Open;
            S.SettlementId = null;
            await state.WriteOrReloadAsync();
        }

        return VisitOutcome.Ok(Snapshot());
    }

    /// <summary>A retry's answer, or the reason the command may not act on this visit; null when it may.</summary>
    private VisitOutcome? Check(VisitCommand command, string operation, bool requireOpen)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (CheckOwner(command.InstitutionCode) is { } refused)
        {
            return refused;
        }

        if (Replay(command.MessageId, operation) is { } replay)
        {
            return replay;
        }

        if (S.PersonId != command.PersonId)
        {
            return VisitOutcome.Refused(VisitRejectionCode.PersonMismatch, $"Visit {VisitId} is not a visit of person {Mask(command.PersonId)}.");
        }

        if (requireOpen && S.Status != VisitStatus.Open)
        {
            return VisitOutcome.Refused(VisitRejectionCode.NotOpen, $"Visit {VisitId} is {S.Status}{(S.SettlementId is null ? "" : " as " + S.SettlementId)}; it cannot change.");
        }

        ForgetOldMessages();
        return S.Messages.Count < MessagesMax
            ? null
            : VisitOutcome.Refused(
                VisitRejectionCode.TooManyRecentChanges,
                $"Visit {VisitId} accepted {MessagesMax} changes within {options.Value.VisitMessageRetention.TotalMinutes:0.#} minutes (MessagesMax); retry once the oldest is older than that.");
    }

    /// <summary>
    /// Forgets the messages accepted longer ago than <see cref="SettlementOptions.VisitMessageRetention"/>: a repeat of
    /// one is refused as expired before it reaches the visit. Messages kept by a version before this one have no time;
    /// they are forgotten oldest first when the visit would otherwise refuse a change.
    /// </summary>
    private void ForgetOldMessages()
    {
        var before = time.GetUtcNow() - options.Value.VisitMessageRetention;
        S.Messages.RemoveAll(m => m.AcceptedAt < before);
        while (S.Messages.Count >= MessagesMax && S.Messages.FindIndex(m => m.AcceptedAt is null) is var untimed and >= 0)
        {
            S.Messages.RemoveAt(untimed);
        }
    }

    private VisitOutcome? CheckOwner(string institutionCode)
    {
        if (S.PersonId is null)
        {
            return VisitOutcome.Refused(VisitRejectionCode.UnknownVisit, $"Visit {VisitId} is not registered.");
        }

        return S.InstitutionCode != institutionCode
            ? VisitOutcome.Refused(VisitRejectionCode.InstitutionMismatch, $"Visit {VisitId} was registered by institution {S.InstitutionCode}; only it may act on it.")
            : null;
    }

    /// <summary>
    /// An open visit (one that waits for its fee lines or its settlement, or whose settlement was cancelled) leaves
    /// memory after <see cref="SettlementOptions.VisitIdleTimeout"/> to two of it without a call.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _idle = IdleLeave.Start(this, options.Value.VisitIdleTimeout);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every call, then the visit deactivates when the call left nothing more to expect of it: settled, its registration
    /// cancelled, or never registered (an unknown <c>mdtrt_id</c> leaves no activation behind). A later call reads it
    /// back from storage. Left to the collector, every such visit stayed in memory for <c>CollectionAge</c> (10 minutes;
    /// some 600,000 visits at 1,000 swipes/s) and the GC's pauses grew with them (docs/benchmarks.md, "Issue 12,
    /// sixteenth sitting"). An open visit stays while calls come (<see cref="OnActivateAsync"/>).
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InterfaceMethod?.DeclaringType == typeof(IVisitGrain))
        {
            _idle?.Called(); // the idle timer's own ticks come through this filter too, and must not count
        }

        await context.Invoke();
        if (S.PersonId is null || S.Status is VisitStatus.Settled or VisitStatus.Cancelled)
        {
            DeactivateOnIdle();
        }
    }

    private VisitOutcome? Replay(string messageId, string operation)
    {
        var seen = S.Messages.FindLast(m => m.MessageId == messageId);
        if (seen is null)
        {
            return null;
        }

        return seen.Operation == operation
            ? VisitOutcome.Ok(Snapshot())
            : VisitOutcome.Refused(VisitRejectionCode.MessageConflict, $"Message {messageId} was already used for '{seen.Operation}' on visit {VisitId}.");
    }

    private async Task<VisitOutcome> CommitAsync(string messageId, string operation)
    {
        S.Messages.Add(new VisitMessage(messageId, operation, time.GetUtcNow()));
        await state.WriteOrReloadAsync();

        return VisitOutcome.Ok(Snapshot());
    }

    private VisitSnapshot Snapshot() => new()
    {
        VisitId = VisitId,
        PersonId = S.PersonId!,
        InstitutionCode = S.InstitutionCode,
        InstitutionVisitNo = S.InstitutionVisitNo,
        Type = S.Type,
        BeginDate = S.BeginDate,
        DischargeDate = S.DischargeDate,
        DiseaseCode = S.DiseaseCode,
        IsTransfer = S.IsTransfer,
        FeeLines = [.. S.FeeLines],
        Status = S.Status,
        SettlementId = S.SettlementId,
    };

    private static string Mask(string id) => Persons.PersonGrain.Mask(id);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Visit {VisitId} registered at {Institution} ({VisitType})")]
    private static partial void LogOpened(ILogger logger, string visitId, string institution, string visitType);
}
