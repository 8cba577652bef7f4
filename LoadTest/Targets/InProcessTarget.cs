using System.Diagnostics;
using Medisettle.Grains.Demo;
using Medisettle.Grains.Hosting;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Hosting;
using Medisettle.LoadTest.Workload;
using Medisettle.Storage.GroupCommit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Medisettle.LoadTest.Targets;

/// <summary>
/// An Orleans silo hosted in this process (no HTTP): swipes call the person grains directly through Orleans'
/// <see cref="IGrainFactory"/>, so the run measures the engine, Orleans and the durable storage alone: the group-commit
/// storage on SQLite or PostgreSQL (a settlement's state and journal entries in one transaction), or the baseline on
/// Orleans' AdoNet storage on PostgreSQL (state and journal entries in two transactions; see
/// <see cref="Hosting.LoadTestSiloBuilderExtensions.AddLoadTestStorage"/>).
/// </summary>
public sealed partial class InProcessTarget : ISwipeTarget
{
    private readonly IHost _host;
    private readonly IGrainFactory _grains;

    private InProcessTarget(IHost host, InProcessOptions options)
    {
        _host = host;
        Options = options;
        _grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public InProcessOptions Options { get; }

    public string Description => Options.Describe();

    public bool HostsSilo => true;

    /// <summary>Never called: no gateway, so no "busy, retry later" answers.</summary>
    public Action? BusyRefused { get; set; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Builds and starts the silo, then seeds the demo data unless the database already has it.</summary>
    public static async Task<InProcessTarget> StartAsync(InProcessOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        await CoHostedSilo.PrepareStorageAsync(options, cancellationToken);
        CoHostedSilo.CapWorkerThreads(options.WorkerThreadsMax);

        var builder = CoHostedSilo.CreateBuilder(options.CollectionAge, silo => silo
            .AddLoadTestStorage(options)
            .AddSettlementGrains(settlement =>
            {
                settlement.DispatchInBackground = options.DispatchInBackground;
                settlement.DispatchBatchMax = options.DispatchBatchMax > 0 ? options.DispatchBatchMax : settlement.DispatchBatchMax;
                settlement.PersonCheckpointEvery = options.PersonCheckpointEvery;
            }));
        builder.Services.AddCredentialProtection(options.KeysDirectory);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var target = new InProcessTarget(host, options);
        if (!options.AlreadySeeded)
        {
            await target.SeedAsync(log, cancellationToken);
        }
        else if (options.WarmUp)
        {
            await log.WriteLineAsync($"warmed up {options.PersonCount:N0} persons in {(await target.WarmUpAsync(cancellationToken)).TotalSeconds:F1} s");
        }

        return target;
    }

    public async Task SeedAsync(TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var started = Stopwatch.GetTimestamp();
        await new DemoSeeder(_grains).SeedAsync(Options.PersonCount, Options.InstitutionCount, null, cancellationToken);
        await log.WriteLineAsync($"seeded {Options.PersonCount:N0} persons and {Options.InstitutionCount} institutions in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    /// <summary>
    /// Activates every demo person (one state read each) so the measured run sees a warm silo, as in steady state;
    /// a cold silo pays one read per person on first use. Returns the time it took.
    /// </summary>
    public async Task<TimeSpan> WarmUpAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, Options.PersonCount), new ParallelOptions { MaxDegreeOfParallelism = DemoSeeder.ConcurrencyMax, CancellationToken = cancellationToken },
            async (i, _) => await _grains.GetGrain<IPersonGrain>(DemoData.PersonId(i)).GetSnapshotAsync());
        return Stopwatch.GetElapsedTime(started);
    }

    public async Task<SwipeResult> ExecuteAsync(SwipePlan plan, AcknowledgedSettlement? prior, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        try
        {
            return (plan.Kind, prior) switch
            {
                (SwipeKind.Cancel, not null) => await CancelAsync(plan, prior),
                (SwipeKind.Retry, not null) => await RetryAsync(prior),
                _ => await SettleAsync(plan),
            };
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SwipeResult(prior is null ? plan.FreshKind : plan.Kind, SwipeStatus.Error, exception.GetType().Name + ": " + exception.Message, null);
        }
    }

    private async Task<SwipeResult> SettleAsync(SwipePlan plan)
    {
        var person = _grains.GetGrain<IPersonGrain>(plan.PersonId);
        if (plan.FreshKind == SwipeKind.Outpatient)
        {
            var pre = await person.PreSettleAsync(plan.Fresh with { MessageId = plan.SecondMessageId });
            if (pre.Status != SettlementStatus.PreSettled)
            {
                return new SwipeResult(plan.FreshKind, SwipeStatus.Rejected, pre.Rejection?.Code.ToString(), null);
            }
        }

        var outcome = await person.SettleAsync(plan.Fresh);
        return outcome.Status == SettlementStatus.Settled
            ? new SwipeResult(plan.FreshKind, SwipeStatus.Settled, null, new AcknowledgedSettlement(plan.PersonId, outcome.SettlementId!, plan.Fresh))
            : new SwipeResult(plan.FreshKind, SwipeStatus.Rejected, outcome.Rejection?.Code.ToString(), null);
    }

    private async Task<SwipeResult> CancelAsync(SwipePlan plan, AcknowledgedSettlement prior)
    {
        var command = new CancelCommand { MessageId = plan.CancelMessageId(prior.Command.InstitutionCode), InstitutionCode = prior.Command.InstitutionCode, SettlementId = prior.SettlementId };
        var outcome = await _grains.GetGrain<IPersonGrain>(prior.PersonId).CancelAsync(command);
        return outcome.Status == SettlementStatus.Cancelled
            ? new SwipeResult(SwipeKind.Cancel, SwipeStatus.Cancelled, null, null)
            : new SwipeResult(SwipeKind.Cancel, SwipeStatus.Rejected, outcome.Rejection?.Code.ToString(), null);
    }

    private async Task<SwipeResult> RetryAsync(AcknowledgedSettlement prior)
    {
        var outcome = await _grains.GetGrain<IPersonGrain>(prior.PersonId).SettleAsync(prior.Command);
        return outcome.Status == SettlementStatus.Settled && outcome.SettlementId == prior.SettlementId
            ? new SwipeResult(SwipeKind.Retry, SwipeStatus.Replayed, null, null)
            : new SwipeResult(SwipeKind.Retry, SwipeStatus.Error, RetryMismatch(outcome), null);
    }

    /// <summary>The error reason of a retry that did not get the first answer; no ids, so equal reasons count together.</summary>
    private static string RetryMismatch(SettlementOutcome outcome) => outcome.Status == SettlementStatus.Settled
        ? "retry answered Settled with another settlement id, not the first answer"
        : $"retry answered {outcome.Status} {outcome.Rejection?.Code}, not the first answer (Settled)";

    public Task<RunAudit> AuditAsync(CancellationToken cancellationToken) => new InProcessAuditor(_host.Services, Options.PersonCount).AuditAsync(cancellationToken);

    /// <summary>Durable-write statistics of the group-commit storage (transactions, writes) for the report; null on the AdoNet baseline.</summary>
    public GrainStorageStatistics? StorageStatistics => _host.Services.GetService<GroupCommitGrainStorage>()?.Statistics;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools(); // the AdoNet provider's idle connections: the next run's server has max_connections too
    }
}
