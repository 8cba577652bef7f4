using System.Globalization;
using System.Security.Cryptography;
using Medisettle.Gateway.Pipeline;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Security;

/// <summary>
/// Verifies an institution's request signature (see <see cref="RequestSigner"/>): headers present,
/// timestamp inside the replay window, institution registered, signature correct (constant-time),
/// and signature not seen before within the window (<see cref="IReplayGuard"/>: in grains when the settlement
/// transactions are added, so the window survives restarts and holds across gateways).
/// </summary>
internal sealed class RequestAuthenticator(
    IInstitutionCredentialStore credentials,
    IReplayGuard replays,
    [FromKeyedServices(SigningClock.ServiceKey)] TimeProvider time,
    IOptions<GatewayOptions> options)
{
    private const int SignatureBytes = 32;

    private readonly TimeSpan _window = options.Value.ReplayWindow;

    public async ValueTask<AuthenticationResult> AuthenticateAsync(IHeaderDictionary headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var institution = headers[RequestSigner.InstitutionHeader].ToString();
        var timestampText = headers[RequestSigner.TimestampHeader].ToString();
        var signatureText = headers[RequestSigner.SignatureHeader].ToString();
        if (institution.Length == 0 || timestampText.Length == 0 || signatureText.Length == 0)
        {
            return Refuse(Infcodes.MissingCredentials,
                $"missing signature headers: {RequestSigner.InstitutionHeader}, {RequestSigner.TimestampHeader} and {RequestSigner.SignatureHeader} are required");
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || timestamp > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return Refuse(Infcodes.MissingCredentials, $"{RequestSigner.TimestampHeader} must be unix time in milliseconds");
        }

        var signature = new byte[SignatureBytes];
        if (signatureText.Length != SignatureBytes * 2
            || Convert.FromHexString(signatureText, signature, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != SignatureBytes)
        {
            return Refuse(Infcodes.BadSignature, $"{RequestSigner.SignatureHeader} must be 64 hex characters (HMAC-SHA256)");
        }

        var signedAt = DateTimeOffset.FromUnixTimeMilliseconds(timestamp);
        var skew = time.GetUtcNow() - signedAt;
        if (skew.Duration() > _window)
        {
            // skew = gateway clock − signed time: negative when the timestamp is ahead (in the future). Whole seconds, rounded up.
            return Refuse(Infcodes.TimestampOutsideWindow, string.Create(CultureInfo.InvariantCulture,
                $"request timestamp is {(long)Math.Ceiling(skew.Duration().TotalSeconds)} s {(skew < TimeSpan.Zero ? "ahead of" : "behind")} the gateway clock; at most {(long)_window.TotalSeconds} s either way is accepted (the replay window)"));
        }

        var credential = await credentials.FindAsync(institution, cancellationToken);
        if (credential is null)
        {
            return Refuse(Infcodes.UnknownInstitution, $"institution {institution} is not registered");
        }

        var expected = RequestSigner.ComputeSignature(credential.Secret, timestamp, institution, body.Span);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return Refuse(Infcodes.BadSignature, "signature does not match the request");
        }

        var recorded = new RecordedSignature(institution, timestamp, signatureText.ToLowerInvariant());
        return await replays.CheckAndRecordAsync(institution, timestamp, recorded.Signature, cancellationToken) switch
        {
            ReplayVerdict.Recorded => AuthenticationResult.Success(recorded),
            ReplayVerdict.Replay => Refuse(Infcodes.Replay, "request already received (replayed signature); sign each request afresh"),
            ReplayVerdict.Expired => Refuse(Infcodes.TimestampOutsideWindow,
                $"request timestamp has left the replay window of ±{(long)_window.TotalSeconds} s"),
            _ => AuthenticationResult.Refused(new GatewayFailure(Infcodes.ReplayCacheFull,
                "too many requests within the replay window; retry later")),
        };
    }

    private static AuthenticationResult Refuse(int infcode, string message) =>
        AuthenticationResult.Refused(new GatewayFailure(infcode, message));
}
