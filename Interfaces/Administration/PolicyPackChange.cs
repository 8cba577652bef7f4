namespace Medisettle.Interfaces.Administration;

/// <summary>The result of loading or activating a pack: the pack, or what is wrong (file, field, value).</summary>
public sealed record PolicyPackChange
{
    public PolicyPackInfo? Pack { get; init; }
    /// <summary>The whole message, e.g. <c>p.json: $.basic.ratios[0].rate = 1.7: must be 0..1</c>.</summary>
    public string? Error { get; init; }
    /// <summary>JSON path of the offending field.</summary>
    public string? Field { get; init; }
    public string? Value { get; init; }
    /// <summary>True when no pack with the id was loaded (activate).</summary>
    public bool NotFound { get; init; }

    public bool Succeeded => Pack is not null;
}
