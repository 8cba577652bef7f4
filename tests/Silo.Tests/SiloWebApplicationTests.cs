using Medisettle.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>
/// The silo's configuration files are read once at start and not watched (a watcher on the working directory woke on
/// every database write under it); what the silo derives from its gateway's settings.
/// </summary>
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

    [Theory]
    [InlineData(null, "00:15:00")]
    [InlineData("00:05:00", "00:15:00")]
    [InlineData("00:10:00", "00:25:00")]
    [InlineData("01:00:00", "02:05:00")]
    public void Visits_remember_message_ids_for_twice_the_gateways_replay_window_and_five_minutes_at_least_the_default(string? replayWindow, string expected)
    {
        var builder = SiloWebApplication.CreateBuilder(replayWindow is null ? [] : ["--Gateway:ReplayWindow", replayWindow]);

        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), MedisettleHostExtensions.VisitMessageRetentionFor(builder.Configuration));
    }

    private static List<FileConfigurationProvider> FileProviders(WebApplicationBuilder builder) =>
        [.. ((IConfigurationRoot)builder.Configuration).Providers.OfType<FileConfigurationProvider>()];
}
