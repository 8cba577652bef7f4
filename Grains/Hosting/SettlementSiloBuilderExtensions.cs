using Medisettle.Grains.Funds;
using Medisettle.Grains.Institutions;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Persons;
using Medisettle.Grains.Policy;
using Medisettle.Grains.Visits;
using Medisettle.Interfaces.Administration;
using Medisettle.Interfaces.Grains;
using Medisettle.Runtime.Configuration;
using Medisettle.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Medisettle.Grains.Hosting;

public static class SettlementSiloBuilderExtensions
{
    /// <summary>
    /// Registers the settlement grains (person, institution, fund pool, journal cursor), the policy engine with
    /// the packs loaded and validated from <see cref="SettlementOptions.PacksDirectory"/> at start, the
    /// institution directory cache, the posting dispatcher and the ledger auditor.
    /// </summary>
    public static ISiloBuilder AddSettlementGrains(this ISiloBuilder builder, Action<SettlementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SettlementOptions>().Configure(configure ?? (_ => { })).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SettlementOptions>, SettlementOptionsValidator>();
        services.AddOptions<SiloOptions>().PostConfigure(silo => silo.StateSerializerOptions = LedgerJson.CreateOptions());
        services.AddSingleton(sp => PolicyCatalogProvider.Load(sp.GetRequiredService<IOptions<SettlementOptions>>().Value));
        services.AddSingleton<IPolicyAdministration, PolicyAdministration>();
        services.AddSingleton<ILedgerQueries, LedgerQueries>();
        services.AddSingleton<InstitutionDirectory>();
        services.AddSingleton<LedgerAuditor>();
        services.AddSingleton<PostingDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PostingDispatcher>());
        return builder
            .AddGrain<IPersonGrain, PersonGrain>()
            .AddGrain<IInstitutionGrain, InstitutionGrain>()
            .AddGrain<IFundPoolGrain, FundPoolGrain>()
            .AddGrain<IJournalCursorGrain, JournalCursorGrain>()
            .AddGrain<IVisitGrain, VisitGrain>();
    }
}
