using System.Globalization;

namespace Medisettle.Gateway.Validation;

/// <summary>National-platform time formats: 日期时间型 "yyyy-MM-dd HH:mm:ss", 日期型 "yyyy-MM-dd".</summary>
public static class WireTime
{
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Response timestamps (refmsg_time, respond_time) carry milliseconds.</summary>
    public const string PreciseFormat = "yyyy-MM-dd HH:mm:ss.fff";

    public static string Format(DateTimeOffset time) => time.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static string FormatPrecise(DateTimeOffset time) => time.ToString(PreciseFormat, CultureInfo.InvariantCulture);

    public static bool TryParseDateTime(string? text, out DateTime value) =>
        DateTime.TryParseExact(text, DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static bool TryParseDate(string? text, out DateTime value) =>
        DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>The calendar date of a time at its own offset; for a received-at time at the wire offset, the settlement date.</summary>
    public static DateOnly DateOf(DateTimeOffset time) => DateOnly.FromDateTime(time.DateTime);

    /// <summary>The date of a wire date-time the contract has already checked ("yyyy-MM-dd HH:mm:ss").</summary>
    public static DateOnly DateOf(string checkedDateTime) =>
        TryParseDateTime(checkedDateTime, out var value)
            ? DateOnly.FromDateTime(value)
            : throw new ArgumentException($"'{checkedDateTime}' is not a {DateTimeFormat} time.", nameof(checkedDateTime));
}
