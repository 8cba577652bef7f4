using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Tests;

public sealed class GatewayOptionsTests
{
    [Fact]
    public void Default_options_with_an_admin_token_are_valid()
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions { AdminToken = TestGateway.AdminToken });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Gateway_refuses_to_start_with_a_bad_option_naming_it_and_its_value()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestGateway.StartAsync(options => options.ReplayWindow = TimeSpan.Zero));

        Assert.Equal("GatewayOptions.ReplayWindow must be between 00:00:01 and 01:00:00; got 00:00:00.", exception.Message);
    }

    [Theory]
    [InlineData(99, "GatewayOptions.ReplayCheckTimeout must be between 00:00:00.1000000 and 00:01:00; got 00:00:00.0990000.")]
    [InlineData(60_001, "GatewayOptions.ReplayCheckTimeout must be between 00:00:00.1000000 and 00:01:00; got 00:01:00.0010000.")]
    public void Replay_check_timeout_out_of_range_is_refused_naming_it_and_its_value(int milliseconds, string message)
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions { AdminToken = TestGateway.AdminToken, ReplayCheckTimeout = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.Equal([message], result.Failures);
    }

    [Theory]
    [InlineData(null, "GatewayOptions.AdminToken must have at least 32 characters; got none.")]
    [InlineData("short", "GatewayOptions.AdminToken must have at least 32 characters; got 5 characters.")]
    public void Missing_or_short_admin_token_is_refused(string? token, string message)
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions { AdminToken = token });

        Assert.Equal([message], result.Failures);
    }

    [Theory]
    [InlineData(nameof(GatewayOptions.RequestBodyBytesMax), 1023, "GatewayOptions.RequestBodyBytesMax must be between 1024 and 67108864; got 1023.")]
    [InlineData(nameof(GatewayOptions.FeeLinesMax), 0, "GatewayOptions.FeeLinesMax must be between 1 and 100000; got 0.")]
    [InlineData(nameof(GatewayOptions.DiagnosesMax), 1001, "GatewayOptions.DiagnosesMax must be between 1 and 1000; got 1001.")]
    [InlineData(nameof(GatewayOptions.ReplayCacheEntriesMax), 0, "GatewayOptions.ReplayCacheEntriesMax must be between 1 and 100000000; got 0.")]
    [InlineData(nameof(GatewayOptions.ReconciliationLinesMax), 0, "GatewayOptions.ReconciliationLinesMax must be between 1 and 1000000; got 0.")]
    public void Bound_out_of_range_is_refused_naming_option_and_value(string option, int value, string message)
    {
        var options = new GatewayOptions { AdminToken = TestGateway.AdminToken };
        typeof(GatewayOptions).GetProperty(option)!.SetValue(options, value);

        var result = new GatewayOptionsValidator().Validate(null, options);

        Assert.Equal([message], result.Failures);
    }
}
