using Medisettle.Interfaces.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Grains.Hosting;

public static class CredentialProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers ASP.NET Core Data Protection with its key ring persisted in <paramref name="keysDirectory"/> (created if
    /// missing; its files hold the keys, so keep it owner-only) under <see cref="CredentialProtection.ApplicationName"/>.
    /// The institution grains protect signing secrets with it and the gateway unprotects them, so every process of a
    /// cluster must be given the same directory. On Linux the keys themselves are not encrypted at rest: the key
    /// directory's file modes protect them, as they protect the database.
    /// </summary>
    public static IServiceCollection AddCredentialProtection(this IServiceCollection services, string keysDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(keysDirectory);
        services.AddDataProtection()
            .SetApplicationName(CredentialProtection.ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keysDirectory)));
        return services;
    }
}
