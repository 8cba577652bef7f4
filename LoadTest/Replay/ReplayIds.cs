using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Medisettle.LoadTest.Replay;

/// <summary>
/// The ids the service makes up afresh on every run (<c>setl_id</c>: time and random bits; <c>sign_no</c> of a 9001
/// sign-in), between the recording and the replay. An answer's ids are paired in document order with the recorded
/// answer's; a later request naming a recorded id (a 2208 cancel's <c>setl_id</c>) is sent with the replayed one, and a
/// replayed answer is shown with the recorded ids, so answers compare and two replays of a file read the same. A
/// replayed id with no recorded counterpart is shown as <c>replayed-{name}-line-{n}</c>. Ids the service derives
/// (<c>mdtrt_id</c>) are the same on every run and are not translated.
/// </summary>
internal sealed partial class ReplayIds
{
    private static readonly string[] Names = ["setl_id", "sign_no"];

    private readonly Dictionary<string, string> _toReplayed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _toRecorded = new(StringComparer.Ordinal);

    /// <summary>The envelope to send: recorded ids replaced by the replayed ones (the envelope's own bytes when none is named).</summary>
    public byte[] RequestBody(JsonElement envelope)
    {
        var node = JsonNode.Parse(envelope.GetRawText())!;
        return Translate(node, _toReplayed, null) ? JsonSerializer.SerializeToUtf8Bytes(node) : JsonSerializer.SerializeToUtf8Bytes(envelope);
    }

    /// <summary>Pairs the ids of a replayed output with the recorded output's (when there is one).</summary>
    public void Pair(JsonElement? recorded, JsonElement? replayed, int lineNumber)
    {
        var theirs = recorded is { } r ? Ids(r).ToList() : [];
        var ours = replayed is { } p ? Ids(p).ToList() : [];
        for (var i = 0; i < ours.Count; i++)
        {
            var (name, id) = ours[i];
            if (_toRecorded.ContainsKey(id))
            {
                continue; // answered again (same msgid): already paired
            }

            if (i < theirs.Count && theirs[i].Name == name)
            {
                _toRecorded[id] = theirs[i].Id;
                _toReplayed[theirs[i].Id] = id;
            }
            else
            {
                _toRecorded[id] = $"replayed-{name}-line-{lineNumber}";
            }
        }
    }

    /// <summary>A replayed output shown with the recorded ids.</summary>
    public JsonNode? Output(JsonElement? output)
    {
        if (output is not { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } element)
        {
            return null;
        }

        var node = JsonNode.Parse(element.GetRawText());
        if (node is not null)
        {
            Translate(node, _toRecorded, this);
        }

        return node;
    }

    /// <summary>A replayed message (err_msg, warn_msg: a flag id holds the setl_id) shown with the recorded ids.</summary>
    public string? Message(string? message) =>
        message is null ? null : SettlementIdLike().Replace(message, m => _toRecorded.TryGetValue(m.Value, out var recorded) ? recorded : m.Value);

    private static bool Translate(JsonNode node, Dictionary<string, string> map, ReplayIds? messages)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        var translated = Names.Contains(name) && map.TryGetValue(text, out var other) ? other : messages?.Message(text) ?? text;
                        if (!string.Equals(translated, text, StringComparison.Ordinal))
                        {
                            o[name] = translated;
                            changed = true;
                        }
                    }
                    else if (value is not null)
                    {
                        changed |= Translate(value, map, messages);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        changed |= Translate(item, map, messages);
                    }
                }

                break;
        }

        return changed;
    }

    private static IEnumerable<(string Name, string Id)> Ids(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (Names.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } id)
                {
                    yield return (property.Name, id);
                }
                else
                {
                    foreach (var inner in Ids(property.Value))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in element.EnumerateArray().SelectMany(Ids))
            {
                yield return inner;
            }
        }
    }

    /// <summary>A settlement id as the service makes them: <c>S</c> and 29 letters or digits.</summary>
    [GeneratedRegex(@"\bS[0-9A-Za-z]{29}\b")]
    private static partial Regex SettlementIdLike();
}
