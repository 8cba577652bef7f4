using System.Security.Cryptography;
using System.Text.Json;

namespace Medisettle.Grains.Demo;

/// <summary>
/// The demo institutions' signing secrets (fixmedins_code → base64 secret). Random per data directory: generated with
/// <see cref="RandomNumberGenerator"/> when the demo data is first seeded, kept (protected) by the institution grains,
/// and written by the silo to <c>demo-credentials.json</c> (0600) under <c>"institutions"</c>, where demo clients
/// (scripts/call.sh, the load test's <c>http</c> command) read them with <see cref="ReadFile"/>.
/// </summary>
public sealed class DemoCredentials
{
    /// <summary>Random bytes in each generated secret (base64: 44 characters).</summary>
    public const int SecretBytes = 32;

    /// <summary>The property of <c>demo-credentials.json</c> holding the secrets.</summary>
    public const string InstitutionsProperty = "institutions";

    private readonly Dictionary<string, string> _secrets;

    public DemoCredentials(IEnumerable<KeyValuePair<string, string>> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = new Dictionary<string, string>(secrets, StringComparer.Ordinal);
    }

    /// <summary>Institutions with a secret.</summary>
    public int Count => _secrets.Count;

    /// <summary>Every institution's secret, by fixmedins_code.</summary>
    public IReadOnlyDictionary<string, string> Secrets => _secrets;

    /// <summary>Fresh random secrets for the first <paramref name="institutionCount"/> demo institutions.</summary>
    public static DemoCredentials Generate(int institutionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(institutionCount);
        return new DemoCredentials(Enumerable.Range(0, institutionCount).Select(i =>
            KeyValuePair.Create(DemoData.InstitutionCode(i), Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)))));
    }

    /// <summary>The secrets in a <c>demo-credentials.json</c> the silo wrote (its <c>"institutions"</c> object).</summary>
    /// <exception cref="InvalidDataException">The file has no <c>"institutions"</c> object of strings.</exception>
    public static DemoCredentials ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty(InstitutionsProperty, out var institutions)
            || institutions.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"'{path}' has no \"{InstitutionsProperty}\" object of institution secrets.");
        }

        var secrets = new List<KeyValuePair<string, string>>();
        foreach (var property in institutions.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"'{path}': the secret of institution {property.Name} is not a string.");
            }

            secrets.Add(KeyValuePair.Create(property.Name, property.Value.GetString()!));
        }

        return new DemoCredentials(secrets);
    }

    /// <summary>The secret of <paramref name="fixmedinsCode"/>.</summary>
    /// <exception cref="KeyNotFoundException">No secret for that institution.</exception>
    public string SecretOf(string fixmedinsCode)
    {
        ArgumentNullException.ThrowIfNull(fixmedinsCode);
        return _secrets.TryGetValue(fixmedinsCode, out var secret)
            ? secret
            : throw new KeyNotFoundException($"No demo credential for institution {fixmedinsCode} ({_secrets.Count} institutions have one).");
    }

    /// <summary>Never prints a secret.</summary>
    public override string ToString() => $"DemoCredentials {{ Count = {_secrets.Count} }}";
}
