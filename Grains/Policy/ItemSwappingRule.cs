using Medisettle.Interfaces.Controls;

namespace Medisettle.Grains.Policy;

/// <summary>
/// 串换 heuristic: a line whose catalogue code is in <see cref="Catalogue"/> but declares another class, or a unit
/// price above the entry's limit, suggests an item billed under another item's code. Codes not listed are not checked
/// (the system holds no full catalogue).
/// </summary>
public sealed record ItemSwappingRule
{
    public required IReadOnlyList<CatalogueEntry> Catalogue { get; init; }

    public required ControlAction Action { get; init; }
}
