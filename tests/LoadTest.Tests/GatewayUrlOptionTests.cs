using System.CommandLine;
using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class GatewayUrlOptionTests
{
    [Theory]
    [InlineData("http")]
    [InlineData("verify")]
    public void Url_option_takes_a_loopback_address_with_a_port(string command)
    {
        var result = LoadTestCommands.Create().Parse([command, "--url", "http://127.0.0.1:5999", "--acks", "acks.tsv"]);

        Assert.Empty(result.Errors);
        Assert.Equal(new Uri("http://127.0.0.1:5999"), result.GetValue<Uri>("--url"));
    }

    [Fact]
    public void Url_option_defaults_to_the_silo_gateway()
    {
        var result = LoadTestCommands.Create().Parse(["http"]);

        Assert.Empty(result.Errors);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), result.GetValue<Uri>("--url"));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5999/")]
    [InlineData("not a url")]
    public void Url_that_is_not_an_http_address_is_refused_naming_the_option_and_value(string url)
    {
        var result = LoadTestCommands.Create().Parse(["http", "--url", url]);

        Assert.Equal([$"--url must be an absolute http:// or https:// address, not '{url}'."], result.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Verify_requires_the_acks_file()
    {
        var result = LoadTestCommands.Create().Parse(["verify", "--url", "http://127.0.0.1:5999"]);

        Assert.Single(result.Errors);
        Assert.Contains("--acks", result.Errors[0].Message, StringComparison.Ordinal);
    }
}
