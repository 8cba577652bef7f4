using Medisettle.Interfaces.Platform;
using Microsoft.AspNetCore.Http;

namespace Medisettle.Gateway.Pipeline;

/// <summary>
/// The one place that decides the HTTP status of an envelope answer: business outcomes (0, -1,
/// 2xxx) are HTTP 200 like the national platform; requests that cannot be accepted are 4xx.
/// </summary>
internal static class InfcodeHttpStatus
{
    public static int For(int infcode) => infcode switch
    {
        Infcodes.BodyTooLarge => StatusCodes.Status413PayloadTooLarge,
        Infcodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        Infcodes.InstitutionMismatch => StatusCodes.Status403Forbidden,
        Infcodes.ReplayCacheFull => StatusCodes.Status503ServiceUnavailable,
        Infcodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        Infcodes.Busy => StatusCodes.Status503ServiceUnavailable,
        Infcodes.InternalError => StatusCodes.Status500InternalServerError,
        >= 1101 and <= 1199 => StatusCodes.Status401Unauthorized,
        >= 1001 and <= 1099 => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status200OK,
    };
}
