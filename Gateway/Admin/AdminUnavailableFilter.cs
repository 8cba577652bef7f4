using System.Globalization;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Medisettle.Gateway.Admin;

/// <summary>
/// An admin request caught by a failure that means "not now" (<see cref="TransientFailure"/>: a silo lost or frozen
/// mid-call, a stale activation's write refused, a timeout) is answered 503 with Retry-After as ProblemDetails, not
/// 500: nothing is wrong with the request, and a change it asked for may or may not have been applied, so the operator
/// retries it (the admin changes are idempotent).
/// </summary>
internal sealed class AdminUnavailableFilter(ILogger<AdminUnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (TransientFailure.Is(exception) && !http.RequestAborted.IsCancellationRequested)
        {
            GatewayLog.AdminUnavailable(logger, LogMasking.MaskRoute(http), exception.GetType().Name);
            http.Response.Headers.RetryAfter = TransientFailure.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "Cluster busy or failing over",
                detail: $"Not answered now (a silo was lost or is not answering); a change may or may not have been applied: retry after {TransientFailure.RetryAfterSeconds} s.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
