using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>One 医保目录 entry the item-swapping rule checks lines against.</summary>
public sealed record CatalogueEntry
{
    /// <summary>医保目录编码 (wire <c>med_list_codg</c>).</summary>
    public required string Code { get; init; }

    /// <summary>The catalogue's 甲/乙/丙 class; a line declaring another class is a hit.</summary>
    public required FeeClass Class { get; init; }

    /// <summary>限价 the most one unit may cost (yuan in the file); a line whose unit price (amount ÷ quantity) is above it is a hit. Null: no limit.</summary>
    public Money? UnitPriceLimit { get; init; }
}
