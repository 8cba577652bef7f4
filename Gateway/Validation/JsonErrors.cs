using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Pipeline;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Validation;

/// <summary>
/// Turns System.Text.Json's deserialization errors into envelope errors that name the field:
/// unknown field, missing or null required field, wrong JSON type, too deep.
/// </summary>
internal static partial class JsonErrors
{
    /// <summary>Deepest nesting of objects and arrays accepted (System.Text.Json's default MaxDepth).</summary>
    public const int JsonDepthMax = 64;

    /// <summary>Checks that <paramref name="body"/> is one syntactically valid JSON value.</summary>
    public static GatewayFailure? CheckSyntax(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return new GatewayFailure(Infcodes.MalformedJson, "malformed JSON: the request body is empty");
        }

        // One level more than allowed, so that too deep is seen here (1007) before the reader's own error (1001).
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = JsonDepthMax + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= JsonDepthMax)
                {
                    return new GatewayFailure(Infcodes.LimitExceeded, string.Create(CultureInfo.InvariantCulture,
                        $"JSON is nested more than {JsonDepthMax} levels deep (at byte offset {reader.TokenStartIndex})"));
                }
            }

            return null;
        }
        catch (JsonException exception)
        {
            return new GatewayFailure(Infcodes.MalformedJson,
                $"malformed JSON at line {exception.LineNumber + 1}, byte offset {exception.BytePositionInLine}");
        }
    }

    /// <summary>Describes a deserialization error; field paths start at <paramref name="root"/> ("input" or "" for the envelope).</summary>
    public static GatewayFailure Describe(JsonException exception, string root, JsonTypeInfo rootType, JsonElement? source = null)
    {
        var message = exception.Message;
        var path = ClientText.Echo(FieldPath(exception.Path, root));
        var quoted = Quoted().Matches(message).Select(m => ClientText.Echo(m.Groups[1].Value)).ToList();
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) && quoted.Count > 0)
        {
            return new GatewayFailure(Infcodes.UnknownField, $"unknown field '{Child(path, quoted[0])}'");
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal) && quoted.Count > 1)
        {
            var fields = string.Join(", ", quoted.Skip(1).Select(name => $"'{Child(path, name)}'"));
            return new GatewayFailure(Infcodes.MissingField, $"missing required field {fields}");
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("doesn't allow", StringComparison.Ordinal))
        {
            return new GatewayFailure(Infcodes.MissingField, $"field '{path}' must not be null");
        }

        if (message.Contains("uplicate", StringComparison.Ordinal))
        {
            // System.Text.Json's path names the duplicate's parent inconsistently ("$.psn_no" for "$.data.psn_no"): find it in the document.
            var duplicate = source is { } document ? FirstDuplicate(document, root) : null;
            return new GatewayFailure(Infcodes.InvalidValue,
                $"duplicate field '{(duplicate is not null ? ClientText.Echo(duplicate) : quoted.Count > 0 ? Child(path, quoted[0]) : path)}'");
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return new GatewayFailure(Infcodes.LimitExceeded, $"JSON is nested too deeply at '{path}'");
        }

        var subject = path.Length == 0 ? "the request body" : $"field '{path}'";
        return ExpectedKind(rootType, exception.Path) is { } kind
            ? new GatewayFailure(Infcodes.WrongType, $"{subject} must be {kind}")
            : new GatewayFailure(Infcodes.WrongType, $"{subject} does not have the expected type");
    }

    /// <summary>The path of the first property that repeats a name of its object, in document order ("input.data.psn_no").</summary>
    private static string? FirstDuplicate(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var child = path.Length == 0 ? property.Name : path + "." + property.Name;
                if (!seen.Add(property.Name))
                {
                    return child;
                }

                if (FirstDuplicate(property.Value, child) is { } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (FirstDuplicate(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>What JSON the wire type expects at <paramref name="jsonPath"/>, found by walking the source-generated metadata.</summary>
    private static string? ExpectedKind(JsonTypeInfo rootType, string? jsonPath)
    {
        JsonTypeInfo? current = rootType;
        foreach (Match segment in PathSegment().Matches(jsonPath ?? string.Empty))
        {
            Type? next = segment.Groups[1].Success
                ? current.Properties.FirstOrDefault(p => p.Name == segment.Groups[1].Value)?.PropertyType
                : current.ElementType;
            if (next is null)
            {
                return null;
            }

            current = current.Options.GetTypeInfo(Nullable.GetUnderlyingType(next) ?? next);
        }

        var type = current.Type;
        return current.Kind switch
        {
            JsonTypeInfoKind.Object => "an object",
            JsonTypeInfoKind.Enumerable => "an array",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(decimal) || type == typeof(int) || type == typeof(long) => "a number",
            _ => null,
        };
    }

    /// <summary>"$.data.psn_no" → "input.data.psn_no" (root "input") or "data.psn_no" (root "").</summary>
    private static string FieldPath(string? jsonPath, string root)
    {
        var rest = jsonPath is null || jsonPath.Length <= 1 ? string.Empty : jsonPath[1..];
        return root.Length == 0 ? rest.TrimStart('.') : root + rest;
    }

    /// <summary>Appends <paramref name="name"/> unless the path already ends with it.</summary>
    private static string Child(string path, string name)
    {
        if (path.Length == 0)
        {
            return name;
        }

        return path == name || path.EndsWith("." + name, StringComparison.Ordinal) || path.EndsWith("['" + name + "']", StringComparison.Ordinal)
            ? path
            : path + "." + name;
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\.([^.\[]+)|\[[0-9]+\]")]
    private static partial Regex PathSegment();
}
