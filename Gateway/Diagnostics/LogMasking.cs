using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Medisettle.Gateway.Diagnostics;

/// <summary>Masks personal data before it reaches a log: ID numbers keep their first 6 and last 4 characters, names only their first.</summary>
public static class LogMasking
{
    public const int IdPrefixKept = 6;

    public const int IdSuffixKept = 4;

    /// <summary>"110101199003071234" → "110101********1234". Ten characters or fewer are masked entirely.</summary>
    public static string MaskIdNumber(string? idNumber)
    {
        if (string.IsNullOrEmpty(idNumber))
        {
            return string.Empty;
        }

        if (idNumber.Length <= IdPrefixKept + IdSuffixKept)
        {
            return new string('*', idNumber.Length);
        }

        return string.Concat(
            idNumber.AsSpan(0, IdPrefixKept),
            new string('*', idNumber.Length - IdPrefixKept - IdSuffixKept),
            idNumber.AsSpan(idNumber.Length - IdSuffixKept));
    }

    /// <summary>
    /// The request's path for a log line, every id in it masked and bounded: the endpoint's route pattern with each
    /// route value masked ("/admin/v1/persons/110101********1234"); without a route, each path segment that holds a
    /// digit is masked. Never the raw path, which may carry a full ID number.
    /// </summary>
    public static string MaskRoute(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var text = new StringBuilder();
        if (http.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern })
        {
            foreach (var segment in pattern.PathSegments)
            {
                text.Append('/');
                foreach (var part in segment.Parts)
                {
                    text.Append(part switch
                    {
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternSeparatorPart separator => separator.Content,
                        RoutePatternParameterPart parameter => MaskIdNumber(ClientText.Echo(http.GetRouteValue(parameter.Name)?.ToString())),
                        _ => string.Empty,
                    });
                }
            }

            return text.ToString();
        }

        foreach (var segment in (http.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append('/').Append(segment.Any(char.IsAsciiDigit) ? MaskIdNumber(ClientText.Echo(segment)) : ClientText.Echo(segment));
        }

        return text.ToString();
    }

    /// <summary>"张三丰" → "张**".</summary>
    public static string MaskName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        return string.Concat(name.AsSpan(0, 1), new string('*', name.Length - 1));
    }
}
