namespace Medisettle.Interfaces.Settlement;


/// <summary>费用明细 one fee line of a visit.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FeeLine
{
    /// <summary>医保目录编码 catalogue code.</summary>
    [Id(0)] public required string CatalogueCode { get; init; }

    [Id(1)] public string Name { get; init; } = "";

    /// <summary>甲/乙/丙类.</summary>
    [Id(2)] public required FeeClass Class { get; init; }

    /// <summary>Informational quantity (the amount is authoritative).</summary>
    [Id(3)] public decimal? Quantity { get; init; }

    /// <summary>明细项目费用总额 line amount.</summary>
    [Id(4)] public required Money Amount { get; init; }

    /// <summary>
    /// 限价 the most this line may cost in scope (limit unit price × quantity); the part of
    /// <see cref="Amount"/> above it is 超限价自付. Null = no price limit.
    /// </summary>
    [Id(5)] public Money? PriceLimit { get; init; }

    /// <summary>Kind of goods, for the personal-account item rules.</summary>
    [Id(6)] public ItemKind ItemKind { get; init; } = ItemKind.Service;

    /// <summary>Days of supply for a prescription line; null for services.</summary>
    [Id(7)] public int? SupplyDays { get; init; }
}
