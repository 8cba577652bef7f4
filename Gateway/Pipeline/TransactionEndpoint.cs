using System.Text.Json;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Security;
using Medisettle.Gateway.Transactions;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Pipeline;

/// <summary>
/// The national-platform endpoint: size and media type, signature, JSON syntax, envelope shape,
/// institution, infno, then the handler (which checks the typed input). Each step refuses with
/// its own infcode; nothing before the handler changes any state except the replay cache.
/// </summary>
internal sealed class TransactionEndpoint(
    TransactionRegistry registry,
    RequestAuthenticator authenticator,
    IReplayGuard replays,
    GatewayMetrics metrics,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time,
    IOptions<GatewayOptions> options,
    ILogger<TransactionEndpoint> logger)
{
    private readonly GatewayOptions _settings = options.Value;

    /// <summary>
    /// Admission: at most <see cref="GatewayOptions.TransactionsInFlightMax"/> at once, fewer while overloaded
    /// (<see cref="AdmissionLimit"/>, <see cref="GatewayOptions.AdmissionLatencyTarget"/>); no queue: the excess is refused at once.
    /// </summary>
    private readonly AdmissionLimit _admission = new(
        options.Value.TransactionsInFlightMax, GatewayOptions.TransactionsInFlightMin, options.Value.AdmissionLatencyTarget, TimeProvider.System);

    private readonly InputLimits _limits = InputLimits.From(options.Value);
    private readonly RefmsgidGenerator _refmsgids = new();

    public async Task InvokeAsync(HttpContext http)
    {
        var started = time.GetTimestamp();
        var receivedAt = time.GetUtcNow().ToOffset(_settings.WireUtcOffset);
        var refmsgid = _refmsgids.Next(receivedAt);
        var cancellationToken = http.RequestAborted;
        using var admission = _admission.Enter();
        Answer answer;
        try
        {
            answer = admission.IsAdmitted ? await ProcessAsync(http, receivedAt, refmsgid, cancellationToken) : Busy(http);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            answer = Refused(new GatewayFailure(Infcodes.BodyTooLarge, TooLarge()), GatewayMetrics.NoInfno, refmsgid);
        }
        catch (Exception exception) when (TransientFailure.Is(exception) && !cancellationToken.IsCancellationRequested)
        {
            GatewayLog.TransactionUnavailable(logger, exception.GetType().Name, refmsgid);
            http.Response.Headers.RetryAfter = TransientFailure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            answer = new Answer(
                Infcodes.Unavailable,
                $"not answered now (the cluster is failing over or busy); the request may or may not have been applied: retry it with the same msgid after {TransientFailure.RetryAfterSeconds} s",
                null, null, GatewayMetrics.NoInfno);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            GatewayLog.TransactionFailed(logger, exception, "?", refmsgid);
            answer = new Answer(Infcodes.InternalError, "internal error; the request may be retried with the same msgid", null, null, GatewayMetrics.NoInfno);
        }

        var response = new PlatformResponse
        {
            Infcode = answer.Infcode,
            InfRefmsgid = refmsgid,
            RefmsgTime = WireTime.FormatPrecise(receivedAt),
            RespondTime = WireTime.FormatPrecise(time.GetUtcNow().ToOffset(_settings.WireUtcOffset)),
            ErrMsg = ClientText.BoundMessage(answer.ErrMsg),
            WarnMsg = ClientText.BoundMessage(answer.WarnMsg),
            Output = answer.Output,
        };
        http.Response.StatusCode = InfcodeHttpStatus.For(answer.Infcode);
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, response, PlatformJsonContext.Default.PlatformResponse, cancellationToken);
        metrics.Record(answer.InfnoLabel, answer.Infcode, time.GetElapsedTime(started));
    }

    private async Task<Answer> ProcessAsync(HttpContext http, DateTimeOffset receivedAt, string refmsgid, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            return Refused(new GatewayFailure(Infcodes.UnsupportedMediaType, "Content-Type must be application/json"), GatewayMetrics.NoInfno, refmsgid);
        }

        if (await BoundedBody.ReadAsync(http, _settings.RequestBodyBytesMax, cancellationToken) is not { } body)
        {
            return Refused(new GatewayFailure(Infcodes.BodyTooLarge, TooLarge()), GatewayMetrics.NoInfno, refmsgid);
        }

        // A key id that cannot be an institution code is refused before any lookup, with the value bounded (not echoed whole).
        var keyId = http.Request.Headers[RequestSigner.InstitutionHeader].ToString();
        if (keyId.Length > 0 && PlatformIds.FixmedinsCodeProblem(keyId) is { } badKeyId)
        {
            var unknown = new GatewayFailure(Infcodes.UnknownInstitution,
                $"institution '{ClientText.Echo(keyId)}' is not registered: {RequestSigner.InstitutionHeader} {badKeyId}");
            GatewayLog.AuthenticationFailed(logger, refmsgid, unknown.Infcode, unknown.Message);
            return new Answer(unknown.Infcode, unknown.Message, null, null, GatewayMetrics.NoInfno);
        }

        var authentication = await authenticator.AuthenticateAsync(http.Request.Headers, body, cancellationToken);
        if (authentication.Failure is { } refusal)
        {
            GatewayLog.AuthenticationFailed(logger, refmsgid, refusal.Infcode, ClientText.BoundMessage(refusal.Message)!);
            return new Answer(refusal.Infcode, refusal.Message, null, null, GatewayMetrics.NoInfno);
        }

        var signature = authentication.Signature!;
        Answer answer;
        RepeatEffect effect;
        try
        {
            (answer, effect) = await AnswerAsync(body, signature.Institution, receivedAt, refmsgid, cancellationToken);
        }
        catch
        {
            // The request may have been refused before it failed, or before the client went away: its signature is
            // written all the same, so a replay is refused rather than processed again. The failure itself is what
            // the client is answered, if it still waits.
            await ConfirmAfterFailureAsync(signature, refmsgid);
            throw;
        }

        if (!RepeatChangesNothing(effect, answer.Infcode))
        {
            await replays.ConfirmAsync(signature.Institution, signature.TimestampMilliseconds, signature.Signature, cancellationToken);
        }

        return answer;
    }

    /// <summary>
    /// Whether a repeat of the request, after this answer, can change nothing: the signature then needs no write before
    /// the answer (the replay-window grain writes it when it leaves memory; docs/gateway.md, "Signing").
    /// </summary>
    internal static bool RepeatChangesNothing(RepeatEffect effect, int infcode) => effect switch
    {
        RepeatEffect.None => true,
        RepeatEffect.AnsweredFromMessageId => infcode == Infcodes.Success,
        _ => false,
    };

    private async Task ConfirmAfterFailureAsync(RecordedSignature signature, string refmsgid)
    {
        try
        {
            await replays.ConfirmAsync(signature.Institution, signature.TimestampMilliseconds, signature.Signature, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            GatewayLog.SignatureNotConfirmed(logger, exception.GetType().Name, refmsgid);
        }
    }

    /// <summary>The envelope, then the handler: the answer, and what a repeat of the request could change.</summary>
    private async Task<(Answer Answer, RepeatEffect Effect)> AnswerAsync(
        ReadOnlyMemory<byte> body, string institution, DateTimeOffset receivedAt, string refmsgid, CancellationToken cancellationToken)
    {
        if (ReadEnvelope(body.Span, out var failure) is not { } envelope)
        {
            return (Refused(failure!, GatewayMetrics.NoInfno, refmsgid), RepeatEffect.None);
        }

        var label = registry.TryGet(envelope.Infno, out var handler) ? envelope.Infno : GatewayMetrics.UnknownInfno;
        if (EnvelopeRules.Check(envelope, institution) is { } invalid)
        {
            return (Refused(invalid, label, refmsgid), RepeatEffect.None);
        }

        if (handler is null)
        {
            return (Refused(new GatewayFailure(Infcodes.UnknownInfno, $"unknown infno {envelope.Infno}"), label, refmsgid), RepeatEffect.None);
        }

        var context = new TransactionContext
        {
            Institution = institution,
            Envelope = envelope,
            ReceivedAt = receivedAt,
            InfRefmsgid = refmsgid,
            Limits = _limits,
        };
        var result = await handler.HandleAsync(context, cancellationToken);
        GatewayLog.TransactionAnswered(logger, envelope.Infno, envelope.Msgid, institution, result.Infcode);
        return (new Answer(result.Infcode, result.ErrMsg, result.WarnMsg, result.Output, label), handler.RepeatEffect);
    }

    private static PlatformRequest? ReadEnvelope(ReadOnlySpan<byte> body, out GatewayFailure? failure)
    {
        failure = JsonErrors.CheckSyntax(body);
        if (failure is not null)
        {
            return null;
        }

        try
        {
            var envelope = JsonSerializer.Deserialize(body, PlatformJsonContext.Default.PlatformRequest);
            failure = envelope is null ? new GatewayFailure(Infcodes.WrongType, "the request body must be an object") : null;
            return envelope;
        }
        catch (JsonException exception)
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            failure = JsonErrors.Describe(exception, string.Empty, PlatformJsonContext.Default.PlatformRequest, document.RootElement);
            return null;
        }
    }

    private Answer Refused(GatewayFailure failure, string infnoLabel, string refmsgid)
    {
        GatewayLog.RequestRefused(logger, refmsgid, failure.Infcode, failure.HttpStatus, ClientText.BoundMessage(failure.Message)!);
        return new Answer(failure.Infcode, failure.Message, null, null, infnoLabel);
    }

    private string TooLarge() => $"request body exceeds RequestBodyBytesMax ({_settings.RequestBodyBytesMax} bytes)";

    /// <summary>The gateway is at its bound: refused before the body is read, so the refusal costs next to nothing.</summary>
    private Answer Busy(HttpContext http)
    {
        http.Response.Headers.RetryAfter = TransientFailure.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Answer(
            Infcodes.Busy,
            $"gateway busy: {_admission.Limit} transactions are in flight; the request was not processed: send it again after {TransientFailure.RetryAfterSeconds} s",
            null, null, GatewayMetrics.NoInfno);
    }

    private sealed record Answer(int Infcode, string? ErrMsg, string? WarnMsg, JsonElement? Output, string InfnoLabel);
}
