using Medisettle.Grains.Hosting;
using Xunit;

namespace Medisettle.Grains.Tests;

/// <summary>
/// The options of how long an idle grain or cached entry stays: each 30 s by default, checked at start to be 1 s to
/// 10 min; and how long a visit remembers msgids: 15 min by default, 1 min to 1 day.
/// </summary>
public sealed class IdleTimeoutOptionsTests
{
    [Theory]
    [InlineData(nameof(SettlementOptions.ReplaySlotIdleTimeout), 0.5, false)]
    [InlineData(nameof(SettlementOptions.ReplaySlotIdleTimeout), 1, true)]
    [InlineData(nameof(SettlementOptions.ReplaySlotIdleTimeout), 600, true)]
    [InlineData(nameof(SettlementOptions.ReplaySlotIdleTimeout), 601, false)]
    [InlineData(nameof(SettlementOptions.VisitIdleTimeout), 0.5, false)]
    [InlineData(nameof(SettlementOptions.VisitIdleTimeout), 1, true)]
    [InlineData(nameof(SettlementOptions.VisitIdleTimeout), 600, true)]
    [InlineData(nameof(SettlementOptions.VisitIdleTimeout), 601, false)]
    [InlineData(nameof(SettlementOptions.InstitutionCacheDuration), 0.5, false)]
    [InlineData(nameof(SettlementOptions.InstitutionCacheDuration), 601, false)]
    public void An_idle_timeout_is_checked_at_start(string option, double seconds, bool valid)
    {
        var value = TimeSpan.FromSeconds(seconds);
        var options = new SettlementOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), Get(options, option));
        typeof(SettlementOptions).GetProperty(option)!.SetValue(options, value);

        var result = new SettlementOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        Assert.Equal(valid ? null : [$"SettlementOptions.{option} must be in [1 s, 10 min], not {value}."], result.Failures);
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, true)]
    [InlineData(86_400, true)]
    [InlineData(86_401, false)]
    public void How_long_a_visit_remembers_msgids_is_checked_at_start(double seconds, bool valid)
    {
        var value = TimeSpan.FromSeconds(seconds);
        var options = new SettlementOptions();
        Assert.Equal(TimeSpan.FromMinutes(15), options.VisitMessageRetention);
        options.VisitMessageRetention = value;

        var result = new SettlementOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        Assert.Equal(valid ? null : [$"SettlementOptions.VisitMessageRetention must be in [1 min, 1 day], not {value}."], result.Failures);
    }

    private static TimeSpan Get(SettlementOptions options, string option) => (TimeSpan)typeof(SettlementOptions).GetProperty(option)!.GetValue(options)!;
}
