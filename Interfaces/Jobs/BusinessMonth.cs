using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Medisettle.Interfaces.Jobs;

/// <summary>A calendar month (JSON: <c>"yyyy-MM"</c>) of business days (at the settlement's business offset): the period of a monthly fund job.</summary>
[JsonConverter(typeof(BusinessMonthJsonConverter))]
[GenerateSerializer]
[Immutable]
public readonly record struct BusinessMonth : IComparable<BusinessMonth>
{
    public BusinessMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        (Year, Month) = (year, month);
    }

    [Id(0)] public int Year { get; init; }

    [Id(1)] public int Month { get; init; }

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public static BusinessMonth Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>Parses <c>yyyy-MM</c> exactly.</summary>
    public static bool TryParse(string? text, out BusinessMonth month)
    {
        month = default;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || text!.Length != 7)
        {
            return false;
        }

        month = Of(first);
        return true;
    }

    public BusinessMonth Next() => Of(FirstDay.AddMonths(1));

    public BusinessMonth Previous() => Of(FirstDay.AddMonths(-1));

    public int CompareTo(BusinessMonth other) => FirstDay.CompareTo(other.FirstDay);

    public static bool operator <(BusinessMonth a, BusinessMonth b) => a.CompareTo(b) < 0;

    public static bool operator >(BusinessMonth a, BusinessMonth b) => a.CompareTo(b) > 0;

    public static bool operator <=(BusinessMonth a, BusinessMonth b) => a.CompareTo(b) <= 0;

    public static bool operator >=(BusinessMonth a, BusinessMonth b) => a.CompareTo(b) >= 0;

    /// <summary><c>yyyy-MM</c>.</summary>
    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>A month is stored and sent as <c>"yyyy-MM"</c>.</summary>
    private sealed class BusinessMonthJsonConverter : JsonConverter<BusinessMonth>
    {
        public override BusinessMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TryParse(reader.GetString(), out var month) ? month : throw new JsonException($"'{reader.GetString()}' is not a month as yyyy-MM.");

        public override void Write(Utf8JsonWriter writer, BusinessMonth value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
