namespace Medisettle.Gateway.Diagnostics;

/// <summary>Masks personal data before it reaches a log: ID numbers keep their first 6 and last 4 characters, names only their first.</summary>
public static class LogMasking
{
    public const int IdPrefixKept = 6;

    public const int IdSuffixKept = 4;

    /// <summary>"110101199003071234" → "110101********1234". Ten characters or fewer are masked entirely.</summary>
    public static string MaskIdNumber(string? idNumber)
    {
        if (string.IsNullOrEmpty(idNumber))
        {
            return string.Empty;
        }

        if (idNumber.Length <= IdPrefixKept + IdSuffixKept)
        {
            return new string('*', idNumber.Length);
        }

        return string.Concat(
            idNumber.AsSpan(0, IdPrefixKept),
            new string('*', idNumber.Length - IdPrefixKept - IdSuffixKept),
            idNumber.AsSpan(idNumber.Length - IdSuffixKept));
    }

    /// <summary>"张三丰" → "张**".</summary>
    public static string MaskName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        return string.Concat(name.AsSpan(0, 1), new string('*', name.Length - 1));
    }
}
