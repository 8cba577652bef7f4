using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Medisettle.Interfaces;

namespace Medisettle.Grains.Policy;

/// <summary>Pack files state money in yuan with at most two decimals (e.g. <c>700</c>, <c>12.50</c>).</summary>
internal sealed class YuanMoneyConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var yuan))
        {
            throw new JsonException("expected an amount in yuan (a number with at most two decimals)");
        }

        try
        {
            return Money.FromYuan(yuan);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"amount {yuan.ToString(CultureInfo.InvariantCulture)} yuan has more than two decimals", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToYuan());
}
