using System.Security.Cryptography;
using System.Text;

namespace Medisettle.Gateway.Settlement;

/// <summary>
/// 就诊ID (mdtrt_id) the gateway gives a visit: "MD" + 28 upper-case hex digits of SHA-256 over the institution
/// and the registering msgid (30 characters). Derived, not random, so a retried registration (same msgid) lands
/// on the same visit grain, which answers it as the first time.
/// </summary>
public static class VisitIds
{
    public const int Length = 30;

    public static string For(string institutionCode, string messageId)
    {
        ArgumentNullException.ThrowIfNull(institutionCode);
        ArgumentNullException.ThrowIfNull(messageId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(institutionCode + "\n" + messageId));
        return "MD" + Convert.ToHexString(hash, 0, 14);
    }
}
