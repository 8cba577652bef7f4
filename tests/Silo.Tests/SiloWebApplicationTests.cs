using Medisettle.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>The silo's configuration files are read once at start and not watched (a watcher on the working directory woke on every database write under it).</summary>
public sealed class SiloWebApplicationTests
{
    [Fact]
    public void Configuration_files_are_read_once_and_not_watched()
    {
        var builder = SiloWebApplication.CreateBuilder(["--port", "5999"]);

        var files = FileProviders(builder);
        Assert.NotEmpty(files); // appsettings.json and appsettings.{environment}.json, both optional
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched"));
        Assert.Equal("5999", builder.Configuration["port"]); // the silo's own arguments still reach its options
    }

    [Fact]
    public void An_operator_may_still_ask_for_the_watch()
    {
        var builder = SiloWebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=true"]);

        Assert.All(FileProviders(builder), file => Assert.True(file.Source.ReloadOnChange, $"{file.Source.Path} is not watched"));
    }

    private static List<FileConfigurationProvider> FileProviders(WebApplicationBuilder builder) =>
        [.. ((IConfigurationRoot)builder.Configuration).Providers.OfType<FileConfigurationProvider>()];
}
