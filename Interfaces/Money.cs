using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Medisettle.Interfaces;

/// <summary>
/// An amount of money in integer fen (分). The only money type in the system: no <c>double</c>
/// anywhere near money, and <c>decimal</c> only at the parsing/formatting edges and for ratios.
/// All arithmetic is checked: an overflow throws instead of wrapping.
/// </summary>
/// <remarks>
/// Rounding happens in exactly one place, <see cref="ApplyRate"/>: the exact product is rounded
/// to the fen half away from zero (四舍五入). Callers derive a remainder by subtraction, so parts
/// always sum exactly to the whole.
/// </remarks>
[JsonConverter(typeof(MoneyJsonConverter))]
[GenerateSerializer]
[Immutable]
public readonly record struct Money(long Fen) : IComparable<Money>, ISpanFormattable
{
    /// <summary>Fen per yuan (元).</summary>
    public const long FenPerYuan = 100;

    public static Money Zero => default;

    /// <summary>Amount of whole yuan, e.g. <c>Money.Yuan(700)</c> = 70,000 fen.</summary>
    public static Money Yuan(long yuan) => new(checked(yuan * FenPerYuan));

    /// <summary>Parses a yuan amount with at most two decimals ("12.34"); rejects anything finer.</summary>
    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * FenPerYuan;
        if (fen != decimal.Truncate(fen))
        {
            throw new ArgumentException($"Amount {yuan.ToString(CultureInfo.InvariantCulture)} has more than two decimals.", nameof(yuan));
        }

        if (fen > long.MaxValue || fen < long.MinValue)
        {
            throw new OverflowException($"Amount {yuan.ToString(CultureInfo.InvariantCulture)} is out of range.");
        }

        return new Money((long)fen);
    }

    public decimal ToYuan() => Fen / (decimal)FenPerYuan;

    public bool IsNegative => Fen < 0;

    public bool IsZero => Fen == 0;

    /// <summary>
    /// The one rounding rule: <c>this × rate</c>, computed exactly in decimal, rounded to the fen
    /// half away from zero (四舍五入).
    /// </summary>
    public Money ApplyRate(decimal rate) =>
        new((long)Math.Round(Fen * rate, 0, MidpointRounding.AwayFromZero));

    public static Money Min(Money a, Money b) => a.Fen <= b.Fen ? a : b;

    public static Money Max(Money a, Money b) => a.Fen >= b.Fen ? a : b;

    /// <summary>The amount, or zero when negative.</summary>
    public Money AtLeastZero() => Fen < 0 ? Zero : this;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));

    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));

    public static Money operator -(Money a) => new(checked(-a.Fen));

    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;

    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;

    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;

    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    public static Money Add(Money a, Money b) => a + b;

    public static Money Subtract(Money a, Money b) => a - b;

    public static Money Negate(Money a) => -a;

    /// <summary>Yuan with two decimals, e.g. "5115.00", "-0.05".</summary>
    public override string ToString()
    {
        Span<char> text = stackalloc char[YuanTextLengthMax];
        TryFormat(text, out var length, default, null);
        return new string(text[..length]);
    }

    /// <summary>As <see cref="ToString()"/>: an amount has one text form, whatever the format and culture asked.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>
    /// Writes <see cref="ToString()"/>'s text without making a string, so an amount in an interpolated string (the
    /// settlement trace has dozens) costs no allocation; in integer arithmetic, not through <see cref="decimal"/>.
    /// </summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        // The magnitude as unsigned, so that long.MinValue has one too.
        var magnitude = Fen < 0 ? (ulong)(-(Fen + 1)) + 1 : (ulong)Fen;
        var sign = Fen < 0 ? 1 : 0;
        charsWritten = 0;
        if (destination.Length < sign + 4
            || !(magnitude / FenPerYuan).TryFormat(destination[sign..], out var yuanDigits, default, CultureInfo.InvariantCulture)
            || destination.Length < sign + yuanDigits + 3)
        {
            return false;
        }

        if (sign == 1)
        {
            destination[0] = '-';
        }

        var fen = (int)(magnitude % FenPerYuan);
        var at = sign + yuanDigits;
        destination[at] = '.';
        destination[at + 1] = (char)('0' + (fen / 10));
        destination[at + 2] = (char)('0' + (fen % 10));
        charsWritten = at + 3;
        return true;
    }

    /// <summary>The longest text an amount has: a sign, 17 digits of yuan, the point and two decimals.</summary>
    private const int YuanTextLengthMax = 21;

    /// <summary>Money is stored and sent as an integer number of fen.</summary>
    private sealed class MoneyJsonConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.Fen);
    }
}
