using Medisettle.Grains.Diagnostics;
using Medisettle.Grains.Institutions;
using Medisettle.Grains.Jobs;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Placement;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Medisettle.Grains.Hosting;

public static class SettlementSiloBuilderExtensions
{
    /// <summary>
    /// Registers what the settlement grains need beside themselves (Orleans finds the grain classes): the policy
    /// engine with the shipped packs loaded and validated from <see cref="SettlementOptions.PacksDirectory"/> at start (a bad pack stops the silo), the
    /// ledger queries and auditor, the placement of the per-silo policy catalog grains, and a start-up task that puts
    /// the cluster's activated policy packs in force on this silo and starts the posting dispatcher grain.
    /// The grains need a default grain storage that supports <c>[JournaledState]</c> (the group-commit storage).
    /// </summary>
    public static ISiloBuilder AddSettlementGrains(this ISiloBuilder builder, Action<SettlementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SettlementOptions>().Configure(configure ?? (_ => { })).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SettlementOptions>, SettlementOptionsValidator>();
        services.TryAddKeyedSingleton(SettlementClock.ServiceKey, TimeProvider.System);
        services.AddSingleton(sp => PolicyCatalogProvider.Load(sp.GetRequiredService<IOptions<SettlementOptions>>().Value));
        services.AddSingleton<LedgerQueries>();
        services.AddSingleton<ReceiptKeys>();
        services.AddSingleton(sp => new InstitutionProfileCache(sp.GetRequiredKeyedService<TimeProvider>(SettlementClock.ServiceKey)));
        services.AddMetrics();
        services.TryAddSingleton<SettlementMetrics>();
        services.AddSingleton<LedgerAuditor>();
        // New activations go to a random silo, not to Orleans' default resource-optimized choice: that one follows load
        // statistics refreshed about once a second, so the many activations a busy second creates (persons, and every
        // institution's new replay-window slot each 10 s) herd onto one silo, and freezing that silo stalled nearly every
        // swipe of the cluster (FailoverRecoveryTests, docs/benchmarks.md "Cluster faults").
        services.AddSingleton<PlacementStrategy, RandomPlacement>();
        builder.AddPlacementDirector<SiloTargetedPlacement, SiloTargetedPlacementDirector>();
        builder.AddStartupTask(async (sp, _) =>
        {
            sp.GetRequiredService<PolicyCatalogProvider>(); // load and validate the shipped packs now, not at the first swipe
            var grains = sp.GetRequiredService<IGrainFactory>();
            var silo = sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
            await grains.GetGrain<ISiloPolicyCatalogGrain>(silo).StartAsync();
            await grains.GetGrain<IPostingDispatcherGrain>(PostingDispatcherGrain.Key).StartAsync();
        });
        return builder;
    }

    /// <summary>
    /// Schedules the fund jobs: a start-up task registers (or updates) the durable reminders of the daily close
    /// (<see cref="SettlementOptions.DailyCloseTime"/> every day) and of the monthly payout
    /// (<see cref="SettlementOptions.MonthlyPayoutTime"/> every day, paying last month once) and of the risk reserve
    /// (at the same time, running last year once <see cref="SettlementOptions.YearEndJobsDelay"/> after 1 January) and of
    /// 二次补偿 (30 minutes later, likewise, after the year's reserve) and of the insurer cooperation (45 minutes after the
    /// payout: the months ended and last year's settlement, in order). The silo needs a durable reminder service (Orleans'
    /// ADO.NET reminders on PostgreSQL, <c>UseSqliteReminderService</c> on SQLite). Without this the jobs still run when asked.
    /// </summary>
    public static ISiloBuilder AddFundJobSchedule(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStartupTask(async (sp, _) =>
        {
            var grains = sp.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IDailyCloseGrain>(DailyCloseGrain.Key).StartAsync();
            await grains.GetGrain<IMonthlyPayoutGrain>(MonthlyPayoutGrain.Key).StartAsync();
            await grains.GetGrain<IRiskReserveGrain>(RiskReserveGrain.Key).StartAsync();
            await grains.GetGrain<ISecondaryCompensationGrain>(SecondaryCompensationGrain.Key).StartAsync();
            await grains.GetGrain<IInsurerCooperationGrain>(InsurerCooperationGrain.Key).StartAsync();
        });
        return builder;
    }
}
