using System.Globalization;
using Medisettle.Interfaces;

namespace Medisettle.Gateway.Validation;

/// <summary>
/// Converts wire amounts (decimal yuan, national platform 数值型(16,2)) to <see cref="Money"/> at
/// the edge, and back for outputs.
/// </summary>
public static class WireAmount
{
    /// <summary>Largest amount 数值型(16,2) can carry: 14 integer digits, 2 decimals.</summary>
    public const decimal YuanMax = 99_999_999_999_999.99m;

    /// <summary>Why <paramref name="yuan"/> is not an acceptable amount, or <c>null</c> when it is.</summary>
    public static string? Problem(decimal yuan, bool allowNegative)
    {
        if (decimal.Round(yuan, 2) != yuan)
        {
            return $"{Text(yuan)} has more than two decimals";
        }

        if (!allowNegative && yuan < 0)
        {
            return $"{Text(yuan)} must not be negative";
        }

        return Math.Abs(yuan) > YuanMax ? $"{Text(yuan)} exceeds the largest amount {Text(YuanMax)}" : null;
    }

    /// <summary>The amount in fen. Throws <see cref="ArgumentException"/> for an amount <see cref="Problem"/> refuses.</summary>
    public static Money ToMoney(decimal yuan)
    {
        var problem = Problem(yuan, allowNegative: true);
        return problem is null ? Money.FromYuan(yuan) : throw new ArgumentException("Amount " + problem + ".", nameof(yuan));
    }

    /// <summary>The wire form of an amount: yuan with exactly two decimals (scale 2, so JSON shows 86.50, 0.00).</summary>
    public static decimal ToYuan(Money amount) => decimal.Round(amount.ToYuan(), 2) + 0.00m;

    private static string Text(decimal yuan) => yuan.ToString(CultureInfo.InvariantCulture);
}
