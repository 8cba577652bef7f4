namespace Medisettle.Interfaces.Settlement;


/// <summary>费用明细 one fee line of a visit.</summary>
public sealed record FeeLine
{
    /// <summary>医保目录编码 catalogue code.</summary>
    public required string CatalogueCode { get; init; }

    public string Name { get; init; } = "";

    /// <summary>甲/乙/丙类.</summary>
    public required FeeClass Class { get; init; }

    /// <summary>Informational quantity (the amount is authoritative).</summary>
    public decimal? Quantity { get; init; }

    /// <summary>明细项目费用总额 line amount.</summary>
    public required Money Amount { get; init; }

    /// <summary>
    /// 限价 the most this line may cost in scope (limit unit price × quantity); the part of
    /// <see cref="Amount"/> above it is 超限价自付. Null = no price limit.
    /// </summary>
    public Money? PriceLimit { get; init; }

    /// <summary>Kind of goods, for the personal-account item rules.</summary>
    public ItemKind ItemKind { get; init; } = ItemKind.Service;

    /// <summary>Days of supply for a prescription line; null for services.</summary>
    public int? SupplyDays { get; init; }
}
