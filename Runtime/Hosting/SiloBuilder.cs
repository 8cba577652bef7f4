using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Runtime.Hosting;

internal sealed class SiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;
}
