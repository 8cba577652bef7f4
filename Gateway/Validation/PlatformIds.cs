using System.Globalization;

namespace Medisettle.Gateway.Validation;

/// <summary>
/// The national platform's id formats, the one definition the transaction checks and the admin API share:
/// psn_no (人员编号 person number) and fixmedins_code (定点医药机构编号 institution code) are 字符型(30) codes of
/// ASCII letters and digits. Anything else (path characters, spaces, control, RTL or zero-width characters,
/// full-width digits) is refused, so every id that is stored can be typed, logged and read back.
/// </summary>
public static class PlatformIds
{
    /// <summary>Longest psn_no (字符型 30).</summary>
    public const int PsnNoLengthMax = 30;

    /// <summary>Longest fixmedins_code (字符型 30).</summary>
    public const int FixmedinsCodeLengthMax = 30;

    public static bool IsPsnNo(string? value) => Problem(value, PsnNoLengthMax) is null;

    public static bool IsFixmedinsCode(string? value) => Problem(value, FixmedinsCodeLengthMax) is null;

    /// <summary>Why <paramref name="value"/> is not a psn_no ("is empty", "has 31 characters; …"), or null when it is one.</summary>
    public static string? PsnNoProblem(string? value) => Problem(value, PsnNoLengthMax);

    /// <summary>Why <paramref name="value"/> is not a fixmedins_code, or null when it is one.</summary>
    public static string? FixmedinsCodeProblem(string? value) => Problem(value, FixmedinsCodeLengthMax);

    private static string? Problem(string? value, int lengthMax)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "must not be empty";
        }

        if (value.Length > lengthMax)
        {
            return string.Create(CultureInfo.InvariantCulture, $"has {value.Length} characters; at most {lengthMax} ASCII letters or digits are accepted");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(value[i]))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"must be 1 to {lengthMax} ASCII letters or digits; character {i + 1} is U+{(int)value[i]:X4}");
            }
        }

        return null;
    }
}
