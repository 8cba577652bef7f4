using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Medisettle.Interfaces.Platform;

/// <summary>
/// Signs a platform transaction request the way the gateway verifies it. Reusable by clients
/// (load test, examples). The signature is lowercase hex HMAC-SHA256, keyed with the UTF-8 bytes
/// of the institution's secret, over the string to sign:
/// <code>
/// MEDISETTLE-HMAC-SHA256 \n {timestamp: unix milliseconds} \n {fixmedins_code} \n {lowercase hex SHA-256 of the body bytes}
/// </code>
/// (lines joined by a single <c>\n</c>, no trailing newline).
/// </summary>
public static class RequestSigner
{
    public const string InstitutionHeader = "X-Medisettle-Institution";

    public const string TimestampHeader = "X-Medisettle-Timestamp";

    public const string SignatureHeader = "X-Medisettle-Signature";

    /// <summary>First line of the string to sign: names the scheme so a signature cannot be reused elsewhere.</summary>
    public const string Algorithm = "MEDISETTLE-HMAC-SHA256";

    public static string StringToSign(long timestampMilliseconds, string fixmedinsCode, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(fixmedinsCode);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Algorithm}\n{timestampMilliseconds}\n{fixmedinsCode}\n{bodyHash}");
    }

    /// <summary>The HMAC bytes for the request.</summary>
    public static byte[] ComputeSignature(string secret, long timestampMilliseconds, string fixmedinsCode, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var toSign = Encoding.UTF8.GetBytes(StringToSign(timestampMilliseconds, fixmedinsCode, body));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), toSign);
    }

    /// <summary>The value of the <see cref="SignatureHeader"/> header: lowercase hex.</summary>
    public static string Sign(string secret, long timestampMilliseconds, string fixmedinsCode, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(ComputeSignature(secret, timestampMilliseconds, fixmedinsCode, body));
}
