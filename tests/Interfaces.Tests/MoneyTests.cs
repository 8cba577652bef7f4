using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Medisettle.Interfaces.Tests;


public sealed class MoneyTests
{
    [Theory]
    [InlineData(930_000, "0.55", 511_500)] // 9,300.00 × 55% = 5,115.00
    [InlineData(1, "0.55", 1)] // 0.55 fen → 1
    [InlineData(1, "0.5", 1)] // 0.5 fen → 1 (half away from zero, not to even)
    [InlineData(3, "0.5", 2)] // 1.5 fen → 2
    [InlineData(5, "0.5", 3)] // 2.5 fen → 3 (banker's rounding would give 2)
    [InlineData(1, "0.49", 0)]
    [InlineData(-5, "0.5", -3)] // −2.5 → −3: away from zero
    [InlineData(0, "0.8", 0)]
    [InlineData(999_999, "1", 999_999)]
    public void ApplyRate_rounds_half_away_from_zero(long fen, string rate, long expectedFen)
    {
        Assert.Equal(new Money(expectedFen), new Money(fen).ApplyRate(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("12.34", 1_234)]
    [InlineData("0.01", 1)]
    [InlineData("700", 70_000)]
    [InlineData("-1", -100)]
    public void FromYuan_parses_up_to_two_decimals(string yuan, long expectedFen)
    {
        Assert.Equal(new Money(expectedFen), Money.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void FromYuan_rejects_a_third_decimal()
    {
        Assert.Throws<ArgumentException>(() => Money.FromYuan(0.001m));
    }

    [Fact]
    public void Arithmetic_is_checked()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
        Assert.Throws<OverflowException>(() => Money.Yuan(long.MaxValue));
    }

    [Fact]
    public void Remainder_by_subtraction_makes_parts_sum_exactly()
    {
        var total = new Money(333);
        var fund = total.ApplyRate(1m / 3m); // 111
        var personal = total - fund;

        Assert.Equal(new Money(111), fund);
        Assert.Equal(total, fund + personal);
    }

    [Fact]
    public void Formats_as_yuan_and_serializes_as_fen()
    {
        Assert.Equal("5115.00", Money.Yuan(5_115).ToString());
        Assert.Equal("-0.01", new Money(-1).ToString());
        Assert.Equal("511500", JsonSerializer.Serialize(Money.Yuan(5_115)));
        Assert.Equal(new Money(42), JsonSerializer.Deserialize<Money>("42"));
    }

    [Fact]
    public void Text_is_the_decimal_yuan_with_two_places_for_every_amount_and_writes_without_a_string()
    {
        var random = new Random(12);
        var buffer = new char[32];
        long[] edges = [0, 1, -1, 5, -5, 99, -99, 100, -100, 101, 10_000_000, long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1];
        foreach (var fen in edges.Concat(Enumerable.Range(0, 2_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 60))))
        {
            var expected = (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            var money = new Money(fen);

            Assert.Equal(expected, money.ToString());
            Assert.Equal(expected, $"{money}");
            Assert.Equal("[" + expected + "]", $"[{money:N0}]"); // one form, whatever the format asked
            var exact = buffer.AsSpan(0, expected.Length);
            Assert.True(money.TryFormat(exact, out var written, default, null));
            Assert.Equal(expected, new string(exact[..written]));
            Assert.False(money.TryFormat(exact[..^1], out written, default, null));
            Assert.Equal(0, written);
        }
    }

    [Theory]
    [InlineData(-1, true, 0)]
    [InlineData(0, false, 0)]
    [InlineData(1, false, 1)]
    public void AtLeastZero_clamps_negatives(long fen, bool negative, long expectedFen)
    {
        Assert.Equal(negative, new Money(fen).IsNegative);
        Assert.Equal(new Money(expectedFen), new Money(fen).AtLeastZero());
    }
}
