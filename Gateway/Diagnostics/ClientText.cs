using System.Globalization;
using System.Text;

namespace Medisettle.Gateway.Diagnostics;

/// <summary>
/// Bounds a client-supplied value before it is echoed in an err_msg, a ProblemDetails detail or a log line:
/// at most <see cref="EchoCharsMax"/> characters followed by "…(N characters)", control and format characters
/// (line breaks, RTL overrides, zero-width) shown as U+XXXX so they cannot forge or hide log lines.
/// </summary>
public static class ClientText
{
    /// <summary>Most characters of one client-supplied value echoed back or logged.</summary>
    public const int EchoCharsMax = 64;

    /// <summary>Most characters of a whole err_msg (a last bound over messages that echo several values).</summary>
    public const int MessageCharsMax = 512;

    /// <summary>"abc" → "abc"; 8,192 × 'A' → 64 × 'A' + "…(8192 characters)".</summary>
    public static string Echo(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var shown = value.Length <= EchoCharsMax ? value : value[..EchoCharsMax];
        var text = new StringBuilder(shown.Length + 24);
        foreach (var c in shown)
        {
            if (IsHidden(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        if (value.Length > EchoCharsMax)
        {
            text.Append(CultureInfo.InvariantCulture, $"…({value.Length} characters)");
        }

        return text.ToString();
    }

    /// <summary>Cuts a whole message at <see cref="MessageCharsMax"/> characters (with the length noted).</summary>
    public static string? BoundMessage(string? message) =>
        message is null || message.Length <= MessageCharsMax
            ? message
            : string.Create(CultureInfo.InvariantCulture, $"{message[..MessageCharsMax]}…({message.Length} characters)");

    /// <summary>Control characters and Unicode format characters (RTL/LTR overrides, zero-width spaces and joiners, BOM).</summary>
    public static bool IsHidden(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
