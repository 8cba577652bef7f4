using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Pipeline;
using Medisettle.Gateway.Security;
using Medisettle.Gateway.Transactions;
using Medisettle.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway;

/// <summary>Registers the gateway's services.</summary>
public static class GatewayServiceCollectionExtensions
{
    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private const string RouteMatchingCategory = "Microsoft.AspNetCore.Routing.Matching";

    /// <summary>
    /// Adds the gateway: options (validated at start), request authentication, the transaction
    /// registry with the 9001 sign-in handler, metrics, health checks, ProblemDetails and OpenAPI.
    /// Credentials come from an <see cref="IInstitutionCredentialStore"/>; unless one is registered,
    /// an <see cref="InMemoryInstitutionCredentialStore"/> holding the registered
    /// <see cref="InstitutionCredential"/> singletons is used; the replay window and sign-ins are kept in memory
    /// (<see cref="LocalReplayGuard"/>, <see cref="SignInRegistry"/>) unless the settlement transactions replace them. <see cref="TimeProvider"/> defaults to the system clock.
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, Action<GatewayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<GatewayOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddKeyedSingleton(SettlementClock.ServiceKey, TimeProvider.System);
        services.TryAddKeyedSingleton(SigningClock.ServiceKey, TimeProvider.System);
        services.TryAddSingleton<IInstitutionCredentialStore, InMemoryInstitutionCredentialStore>();
        services.TryAddSingleton<SignInRegistry>();
        services.TryAddSingleton<ISignInStore>(sp => sp.GetRequiredService<SignInRegistry>());
        services.TryAddSingleton<IReplayGuard, LocalReplayGuard>();
        services.TryAddSingleton<RequestAuthenticator>();
        services.TryAddSingleton<TransactionRegistry>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RecentTraffic>();
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton<TransactionEndpoint>();
        services.AddTransactionHandler<SignInHandler>();
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.AddOpenApi();

        // ASP.NET Core's request log (Hosting.Diagnostics, Information) and route matching (Routing.Matching, Debug)
        // write the raw request path, which may hold a full ID number (/admin/v1/persons/{psn_no}): warnings only.
        services.AddLogging(logging => logging
            .AddFilter(HostingDiagnosticsCategory, LogLevel.Warning)
            .AddFilter(RouteMatchingCategory, LogLevel.Warning));
        return services;
    }

    /// <summary>
    /// Registers the handler of one transaction code (a singleton). A code without a registered
    /// handler answers "transaction N is not available yet"; two handlers for one code fail at start.
    /// </summary>
    public static IServiceCollection AddTransactionHandler<THandler>(this IServiceCollection services)
        where THandler : class, ITransactionHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransactionHandler, THandler>());
        return services;
    }
}
