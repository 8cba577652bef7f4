namespace Medisettle.Interfaces.Security;

/// <summary>
/// How institution signing secrets are protected at rest (ASP.NET Core Data Protection): the institution grain stores
/// only <c>Protect(secret)</c> under <see cref="Purpose"/>, and the gateway unprotects it with the same key ring.
/// Every process of a cluster (silos and stand-alone gateways) must use the same <see cref="ApplicationName"/> and
/// the same key directory (by default <c>{data-dir}/keys</c>); a process with another key ring cannot read the secrets.
/// </summary>
public static class CredentialProtection
{
    /// <summary>The Data Protection application name (isolates our key ring from other applications' and from the content root).</summary>
    public const string ApplicationName = "Medisettle";

    /// <summary>The purpose string of the protector for institution credential secrets.</summary>
    public const string Purpose = "Medisettle.InstitutionCredentialSecret.v1";

    /// <summary>The key ring's directory inside the data directory, by default.</summary>
    public const string KeysDirectoryName = "keys";
}
