namespace Medisettle.Gateway.Security;

/// <summary>
/// An institution's signing credential: the key id is its 定点医药机构编号 (fixmedins_code), the
/// secret is shared between the institution and the platform and never sent on the wire.
/// </summary>
public sealed record InstitutionCredential
{
    /// <summary>Shortest accepted secret, in characters (HMAC-SHA256 keys shorter than this are guessable).</summary>
    public const int SecretLengthMin = 16;

    public InstitutionCredential(string fixmedinsCode, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fixmedinsCode);
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < SecretLengthMin)
        {
            throw new ArgumentException(
                $"The secret of institution {fixmedinsCode} has {secret.Length} characters; at least {SecretLengthMin} are required.",
                nameof(secret));
        }

        FixmedinsCode = fixmedinsCode;
        Secret = secret;
    }

    public string FixmedinsCode { get; }

    /// <summary>The HMAC key, used as its UTF-8 bytes.</summary>
    public string Secret { get; }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"InstitutionCredential {{ FixmedinsCode = {FixmedinsCode} }}";
}
