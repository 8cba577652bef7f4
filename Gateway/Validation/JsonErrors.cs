using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Medisettle.Gateway.Pipeline;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Validation;

/// <summary>
/// Turns System.Text.Json's deserialization errors into envelope errors that name the field:
/// unknown field, missing or null required field, wrong JSON type, too deep.
/// </summary>
internal static partial class JsonErrors
{
    /// <summary>Checks that <paramref name="body"/> is one syntactically valid JSON value.</summary>
    public static GatewayFailure? CheckSyntax(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return new GatewayFailure(Infcodes.MalformedJson, "malformed JSON: the request body is empty");
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
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
    public static GatewayFailure Describe(JsonException exception, string root, JsonTypeInfo rootType)
    {
        var message = exception.Message;
        var path = FieldPath(exception.Path, root);
        var quoted = Quoted().Matches(message).Select(m => m.Groups[1].Value).ToList();
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
            return new GatewayFailure(Infcodes.InvalidValue, $"duplicate field '{(quoted.Count > 0 ? Child(path, quoted[0]) : path)}'");
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
