namespace Medisettle.Interfaces.Settlement;

/// <summary>Registers or updates a designated institution (定点医药机构) and its signing credential.</summary>
[GenerateSerializer]
[Immutable]
public sealed record InstitutionRegistration
{
    [Id(0)] public required InstitutionProfile Profile { get; init; }

    [Id(1)] public string Name { get; init; } = "";

    /// <summary>
    /// The HMAC secret the institution signs requests with (base64, at least 32 bytes). Null keeps the
    /// current secret on update.
    /// </summary>
    [Id(2)] public string? CredentialSecret { get; init; }
}
