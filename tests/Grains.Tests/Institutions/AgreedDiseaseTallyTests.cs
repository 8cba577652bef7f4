using Medisettle.Interfaces.Controls;
using Xunit;

namespace Medisettle.Grains.Tests.Institutions;

/// <summary>协议病种 : 包干 (S4 §6) as P0 sets it: alert above 1:1 once a four-month period has 20 cases.</summary>
public sealed class AgreedDiseaseTallyTests
{
    private static readonly InpatientCase Rule = new() { PackId = "P0-990001-resident", AgreedDisease = true, PeriodMonths = 4, RatioMax = 1m, CasesMin = 20 };

    [Theory]
    [InlineData(9, 11, false)] // one below 1:1
    [InlineData(10, 10, false)] // at 1:1
    [InlineData(11, 10, true)] // one above
    [InlineData(11, 8, false)] // above 1:1 but 19 cases: below casesMin
    [InlineData(12, 8, true)] // 20 cases: at casesMin
    [InlineData(20, 0, true)] // no flat-rate case at all
    public void Alert_above_the_ratio_once_the_period_has_enough_cases(int agreed, int flatRate, bool alert)
    {
        var tally = AgreedDiseaseTally.Empty(Rule, new DateOnly(2026, 2, 1)) with { AgreedDiseaseCases = agreed, FlatRateCases = flatRate };

        Assert.Equal(alert, tally.IsAboveRatio);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-01-01", "2026-04-30")]
    [InlineData("2026-04-30", "2026-01-01", "2026-04-30")]
    [InlineData("2026-05-01", "2026-05-01", "2026-08-31")]
    [InlineData("2026-12-31", "2026-09-01", "2026-12-31")]
    public void Periods_of_four_months_start_in_january(string date, string start, string end)
    {
        var tally = AgreedDiseaseTally.Empty(Rule, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((start, end), (tally.PeriodStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), tally.PeriodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_cancel_takes_its_case_back()
    {
        var tally = AgreedDiseaseTally.Empty(Rule, new DateOnly(2026, 2, 1)).Count(true, 1).Count(true, 1).Count(false, 1).Count(true, -1);

        Assert.Equal((1, 1, 1m), (tally.AgreedDiseaseCases, tally.FlatRateCases, tally.Ratio));
    }
}
