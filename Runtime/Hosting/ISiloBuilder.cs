using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Runtime.Hosting;

/// <summary>Configures a silo (Orleans: <c>ISiloBuilder</c>); returned by <c>services.AddSilo(...)</c>.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }
}
