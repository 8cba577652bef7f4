using Medisettle.Grains.Diagnostics;
using Medisettle.Grains.Ledger;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Medisettle.Grains.Controls;

/// <summary>
/// <see cref="IFlagReviewGrain"/>: one flag's review (key: flag id). The decision and its journal row
/// (<c>flagres:{flagId}</c>) commit together, once; a confirm then deducts the points through the institution's
/// idempotent <see cref="IInstitutionGrain.DeductPointsOnceAsync"/> (deduction id <c>flag:{flagId}</c>) and records
/// that it did. A crash between the two leaves the decision committed and the deduction pending: the next call, or the
/// next activation, finishes it, and the institution's deduction id makes sure it counts once.
/// </summary>
public sealed partial class FlagReviewGrain(
    [JournaledState("flag-review")] IJournaledState<FlagReviewState> state,
    IJournal journal,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    SettlementMetrics metrics,
    ILogger<FlagReviewGrain> log) : Grain, IFlagReviewGrain
{
    private FlagReviewState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Resolution is { Decision: FlagDecision.Confirmed } && !S.PointsDeducted)
        {
            await DeductAsync();
        }
    }

    public async Task<FlagView?> GetAsync() => await ReadFlagAsync() is { } entry ? View(entry.Flag, entry.Sequence) : null;

    public async Task<FlagReviewResult> ConfirmAsync(int points, string reason)
    {
        if (points is < 1 or > InstitutionRules.PharmacyPointsMax)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"Points must be 1..{InstitutionRules.PharmacyPointsMax}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return await ResolveAsync(FlagDecision.Confirmed, points, reason);
    }

    public async Task<FlagReviewResult> DismissAsync(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return await ResolveAsync(FlagDecision.Dismissed, 0, reason);
    }

    private async Task<FlagReviewResult> ResolveAsync(FlagDecision decision, int points, string reason)
    {
        if (await ReadFlagAsync() is not { } read)
        {
            return new FlagReviewResult { Outcome = FlagReviewOutcome.NotFound, Error = $"No flag has id '{this.GetPrimaryKeyString()}'." };
        }

        var (flag, sequence) = read;
        if (S.Resolution is { } resolved)
        {
            if (resolved.Decision != decision)
            {
                return new FlagReviewResult
                {
                    Outcome = FlagReviewOutcome.Conflict,
                    Flag = View(flag, sequence),
                    Error = $"Flag {flag.FlagId} was already {resolved.Decision.ToString().ToLowerInvariant()} at {resolved.ResolvedAt:O}; nothing changed.",
                };
            }

            await FinishDeductionAsync();
            return new FlagReviewResult { Outcome = FlagReviewOutcome.Resolved, Flag = View(flag, sequence) };
        }

        var resolution = new FlagResolution
        {
            FlagId = flag.FlagId,
            InstitutionCode = flag.InstitutionCode,
            Decision = decision,
            Points = points,
            Reason = reason,
            ResolvedAt = time.GetUtcNow(),
        };
        S.Flag = flag;
        S.Resolution = resolution;
        S.PointsDeducted = false;
        await state.WriteOrReloadAsync([new JournalAppend(
            LedgerNames.FlagResolutionStream(flag.InstitutionCode), LedgerNames.FlagResolutionEntry(flag.FlagId), LedgerJson.Serialize(resolution))]);
        metrics.OnFlagResolved(flag.Rule, decision);
        LogResolved(log, flag.FlagId, decision, points);
        await FinishDeductionAsync();
        return new FlagReviewResult { Outcome = FlagReviewOutcome.Resolved, Flag = View(flag, sequence) };
    }

    private async Task FinishDeductionAsync()
    {
        if (S.Resolution is { Decision: FlagDecision.Confirmed } && !S.PointsDeducted)
        {
            await DeductAsync();
        }
    }

    private async Task DeductAsync()
    {
        var flag = S.Flag!;
        var resolution = S.Resolution!;
        await GrainFactory.GetGrain<IInstitutionGrain>(flag.InstitutionCode).DeductPointsOnceAsync(
            LedgerNames.FlagEntry(flag.FlagId), resolution.Points, $"flag {flag.FlagId} ({flag.Rule}) confirmed: {resolution.Reason}");
        S.PointsDeducted = true;
        await state.WriteOrReloadAsync();
    }

    private async Task<(ControlFlag Flag, long Sequence)?> ReadFlagAsync()
    {
        var entry = await journal.FindAsync(LedgerNames.FlagEntry(this.GetPrimaryKeyString()));
        return entry is null ? null : (LedgerJson.Deserialize<ControlFlag>(entry), entry.Sequence);
    }

    private FlagView View(ControlFlag flag, long sequence) => new()
    {
        Flag = flag,
        Resolution = S.Resolution,
        PointsDeducted = S.Resolution?.Decision == FlagDecision.Confirmed ? S.PointsDeducted : null,
        Sequence = sequence,
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Flag {FlagId} {Decision} ({Points} points)")]
    private static partial void LogResolved(ILogger logger, string flagId, FlagDecision decision, int points);
}
