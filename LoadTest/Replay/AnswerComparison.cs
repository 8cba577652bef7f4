using System.Text.Json;
using System.Text.Json.Nodes;
using Medisettle.LoadTest.Recording;

namespace Medisettle.LoadTest.Replay;

/// <summary>
/// Recorded and replayed answers side by side: <c>infcode</c>, <c>err_msg</c>, <c>warn_msg</c> and <c>output</c>
/// (replayed ids shown as the recorded ones, <see cref="ReplayIds"/>). Of a time field (a name ending in <c>_time</c>)
/// only the date is compared: the replay clock is set to <c>inf_time</c>, to the second, while the service answered a
/// little after the request was made.
/// </summary>
internal static class AnswerComparison
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The first difference as <c>path: recorded → replayed</c>, or null when the answers agree.</summary>
    public static string? FirstDifference(RecordedAnswer recorded, RecordedAnswer replayed)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(replayed);
        return Difference("answer", Comparable(recorded), Comparable(replayed));
    }

    private static JsonObject Comparable(RecordedAnswer answer)
    {
        var node = new JsonObject
        {
            ["infcode"] = answer.Infcode,
            ["err_msg"] = answer.ErrMsg,
            ["warn_msg"] = answer.WarnMsg,
            ["output"] = answer.Output is { } output ? JsonNode.Parse(output.GetRawText()) : null,
        };
        DatesOnly(node);
        return node;
    }

    private static void DatesOnly(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (name.EndsWith("_time", StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 10)
                    {
                        o[name] = text[..10];
                    }
                    else if (value is not null)
                    {
                        DatesOnly(value);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        DatesOnly(item);
                    }
                }

                break;
        }
    }

    private static string? Difference(string path, JsonNode? recorded, JsonNode? replayed)
    {
        if (JsonNode.DeepEquals(recorded, replayed))
        {
            return null;
        }

        switch (recorded, replayed)
        {
            case (JsonObject a, JsonObject b):
                foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    if (Difference(path + "." + name, a[name], b[name]) is { } inner)
                    {
                        return inner;
                    }
                }

                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    if (Difference($"{path}[{i}]", a[i], b[i]) is { } inner)
                    {
                        return inner;
                    }
                }

                break;
        }

        return $"{path}: {Show(recorded)} → {Show(replayed)}";
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(Readable) ?? "null";
        return text.Length > 160 ? text[..160] + "…" : text;
    }
}
