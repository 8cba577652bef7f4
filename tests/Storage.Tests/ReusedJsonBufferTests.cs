using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Medisettle.Storage.Serialization;

namespace Medisettle.Storage.Tests;

/// <summary>The reused JSON buffer writes exactly what the serializer's own array form holds, and each use starts empty.</summary>
public sealed class ReusedJsonBufferTests
{
    private sealed record Sample(string Name, int Count, string? Note, IReadOnlyList<string> Lines);

    private static readonly Sample Value = new("统筹基金 <&>", 3, null, ["乙类先行自付 10%", "\"quoted\""]);

    [Fact]
    public void Json_is_byte_for_byte_the_serializers_array_form_with_each_options_encoder()
    {
        var escaped = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var relaxed = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        var fromEscaped = ReusedJsonBuffer.Start().AppendJson(Value, escaped).Written.ToArray();
        var fromRelaxed = ReusedJsonBuffer.Start().AppendJson(Value, relaxed).Written.ToArray();

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Value, escaped), fromEscaped);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Value, relaxed), fromRelaxed);
        Assert.Contains("\\u", Encoding.UTF8.GetString(fromEscaped), StringComparison.Ordinal);
        Assert.Contains("统筹基金", Encoding.UTF8.GetString(fromRelaxed), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_and_json_append_in_order_and_a_new_start_empties_the_buffer()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var joined = ReusedJsonBuffer.Start().AppendUtf8("张三").AppendUtf8("\n").AppendJson(Value, options).Written.ToArray();
        var second = ReusedJsonBuffer.Start().AppendJson(1, options).Written.ToArray();

        Assert.Equal([.. Encoding.UTF8.GetBytes("张三\n"), .. JsonSerializer.SerializeToUtf8Bytes(Value, options)], joined);
        Assert.Equal("1"u8.ToArray(), second);
    }
}
