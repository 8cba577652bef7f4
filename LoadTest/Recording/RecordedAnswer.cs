using System.Text.Json;

namespace Medisettle.LoadTest.Recording;

/// <summary>What the service answered a recorded request: the platform answer's <c>infcode</c>, <c>err_msg</c>, <c>warn_msg</c> and <c>output</c>.</summary>
public sealed record RecordedAnswer(int Infcode, string? ErrMsg, string? WarnMsg, JsonElement? Output)
{
    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("infcode", Infcode);
        WriteText(writer, "err_msg", ErrMsg);
        WriteText(writer, "warn_msg", WarnMsg);
        if (Output is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } output)
        {
            writer.WritePropertyName("output");
            output.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>The answer object of a recorded line, or a message naming what is wrong with it.</summary>
    internal static (RecordedAnswer? Answer, string? Problem) Read(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object)
        {
            return (null, "\"answer\" is not an object");
        }

        if (!answer.TryGetProperty("infcode", out var infcode) || infcode.ValueKind != JsonValueKind.Number || !infcode.TryGetInt32(out var code))
        {
            return (null, "\"answer\" has no integer \"infcode\"");
        }

        JsonElement? output = answer.TryGetProperty("output", out var o) && o.ValueKind != JsonValueKind.Null ? o.Clone() : null;
        return (new RecordedAnswer(code, Text(answer, "err_msg"), Text(answer, "warn_msg"), output), null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteText(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
