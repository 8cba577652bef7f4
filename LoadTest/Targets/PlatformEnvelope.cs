using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Medisettle.Interfaces.Platform;

namespace Medisettle.LoadTest.Targets;

/// <summary>Builds signed national-platform transaction requests (docs/gateway.md: envelope and signing).</summary>
public static class PlatformEnvelope
{
    public const string Path = "/fsi/api/transactions";

    private static readonly TimeSpan WireOffset = TimeSpan.FromHours(8);

    /// <summary>The envelope's JSON bytes: <paramref name="input"/> serialized with the wire context as the envelope's <c>input</c>.</summary>
    public static byte[] Body<TInput>(string infno, string msgid, string institution, string region, TInput input, JsonTypeInfo<TInput> inputType, DateTimeOffset now)
    {
        var request = new PlatformRequest
        {
            Infno = infno,
            Msgid = msgid,
            MdtrtareaAdmvs = region,
            InsuplcAdmdvs = region,
            RecerSysCode = "FSI_LOCAL",
            Infver = "V1.0",
            OpterType = "1",
            Opter = "LT001",
            OpterName = "loadtest",
            InfTime = now.ToOffset(WireOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            FixmedinsCode = institution,
            FixmedinsName = institution,
            Input = JsonSerializer.SerializeToElement(input, inputType),
        };
        return JsonSerializer.SerializeToUtf8Bytes(request, PlatformJsonContext.Default.PlatformRequest);
    }

    /// <summary>A POST of <paramref name="body"/> with the three signature headers, signed now (a re-send is signed afresh).</summary>
    public static HttpRequestMessage Signed(byte[] body, string institution, string secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        var timestamp = now.ToUnixTimeMilliseconds();
        var message = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        message.Headers.Add(RequestSigner.InstitutionHeader, institution);
        message.Headers.Add(RequestSigner.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        message.Headers.Add(RequestSigner.SignatureHeader, RequestSigner.Sign(secret, timestamp, institution, body));
        return message;
    }
}
