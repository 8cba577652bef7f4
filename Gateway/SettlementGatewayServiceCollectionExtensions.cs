using System.Text.Json.Serialization;
using Medisettle.Gateway.Cluster;
using Medisettle.Gateway.Security;
using Medisettle.Gateway.Transactions;
using Medisettle.Gateway.Transactions.Handlers;
using Medisettle.Interfaces.Administration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Medisettle.Gateway;

/// <summary>Registers the real transaction handlers and the grain-backed credential store.</summary>
public static class SettlementGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds a handler for every national-platform transaction (DOMAIN.md §5) and replaces the credential store
    /// with <see cref="GrainInstitutionCredentialStore"/>, the replay window with <see cref="GrainReplayGuard"/>, the
    /// sign-ins with <see cref="GrainSignInStore"/> and ledger queries with <see cref="GrainLedgerQueries"/> (all cluster
    /// state, shared by every gateway). Needs only an <c>IGrainFactory</c> (a co-hosting silo's, or an Orleans client's).
    /// </summary>
    public static IServiceCollection AddSettlementTransactions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.RemoveAll<IInstitutionCredentialStore>();
        services.AddSingleton<GrainInstitutionCredentialStore>();
        services.AddSingleton<IInstitutionCredentialStore>(sp => sp.GetRequiredService<GrainInstitutionCredentialStore>());
        services.TryAddSingleton<ILedgerQueries, GrainLedgerQueries>();
        services.RemoveAll<IReplayGuard>();
        services.AddSingleton<IReplayGuard, GrainReplayGuard>();
        services.RemoveAll<ISignInStore>();
        services.AddSingleton<ISignInStore, GrainSignInStore>();
        return services
            .AddTransactionHandler<PersonInfoHandler>()
            .AddTransactionHandler<OutpatientRegisterHandler>()
            .AddTransactionHandler<OutpatientRegisterCancelHandler>()
            .AddTransactionHandler<VisitInfoHandler>()
            .AddTransactionHandler<OutpatientFeeUploadHandler>()
            .AddTransactionHandler<OutpatientFeeCancelHandler>()
            .AddTransactionHandler<OutpatientPreSettlementHandler>()
            .AddTransactionHandler<OutpatientSettlementHandler>()
            .AddTransactionHandler<OutpatientSettlementCancelHandler>()
            .AddTransactionHandler<AdmissionHandler>()
            .AddTransactionHandler<DischargeHandler>()
            .AddTransactionHandler<InpatientFeeUploadHandler>()
            .AddTransactionHandler<InpatientFeeCancelHandler>()
            .AddTransactionHandler<InpatientPreSettlementHandler>()
            .AddTransactionHandler<InpatientSettlementHandler>()
            .AddTransactionHandler<InpatientSettlementCancelHandler>()
            .AddTransactionHandler<PharmacyPreSettlementHandler>()
            .AddTransactionHandler<PharmacySettlementHandler>()
            .AddTransactionHandler<PharmacySettlementCancelHandler>()
            .AddTransactionHandler<DailyReconciliationHandler>()
            .AddTransactionHandler<DetailReconciliationHandler>();
    }
}
