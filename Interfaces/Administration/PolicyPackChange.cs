namespace Medisettle.Interfaces.Administration;

/// <summary>The result of loading or activating a pack: the pack, or what is wrong (file, field, value).</summary>
[GenerateSerializer]
[Immutable]
public sealed record PolicyPackChange
{
    [Id(0)] public PolicyPackInfo? Pack { get; init; }
    /// <summary>The whole message, e.g. <c>p.json: $.basic.ratios[0].rate = 1.7: must be 0..1</c>.</summary>
    [Id(1)] public string? Error { get; init; }
    /// <summary>JSON path of the offending field.</summary>
    [Id(2)] public string? Field { get; init; }
    [Id(3)] public string? Value { get; init; }
    /// <summary>True when no pack with the id was loaded (activate).</summary>
    [Id(4)] public bool NotFound { get; init; }

    public bool Succeeded => Pack is not null;
}
