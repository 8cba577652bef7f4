using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Silo.Tests;

/// <summary>
/// A minimal HIS: builds national-platform envelopes, signs them with the institution's demo secret (from the silo's
/// demo-credentials.json, see <see cref="ForSilo"/>) and posts them.
/// </summary>
internal sealed class PlatformClient(HttpClient http, DemoCredentials credentials)
{
    /// <summary>A client of the silo on <paramref name="dataDirectory"/>, with the secrets it wrote to demo-credentials.json.</summary>
    public static PlatformClient ForSilo(HttpClient http, string dataDirectory) =>
        new(http, DemoCredentials.ReadFile(Path.Combine(dataDirectory, "demo-credentials.json")));

    /// <summary>Posts one transaction; returns the parsed response envelope.</summary>
    public async Task<JsonElement> SendAsync(string infno, string institution, string msgid, string inputJson)
    {
        var now = DateTimeOffset.UtcNow;
        var local = now.ToOffset(TimeSpan.FromHours(8));
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"infno":"{{infno}}","msgid":"{{msgid}}","mdtrtarea_admvs":"990001","insuplc_admdvs":"990001","recer_sys_code":"FSI_LOCAL","infver":"V1.0","opter_type":"1","opter":"001","opter_name":"test","inf_time":"{{local:yyyy-MM-dd HH:mm:ss}}","fixmedins_code":"{{institution}}","fixmedins_name":"test","input":{{inputJson}}}""");
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fsi/api/transactions") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = now.ToUnixTimeMilliseconds();
        request.Headers.Add(RequestSigner.InstitutionHeader, institution);
        request.Headers.Add(RequestSigner.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(RequestSigner.SignatureHeader, RequestSigner.Sign(credentials.SecretOf(institution), timestamp, institution, bytes));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The input of a 2102 pharmacy settlement: one line of approved drugs paid from the account when possible.</summary>
    public static string PharmacyInput(string personId, decimal yuan) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"data":{"psn_no":"{{personId}}","mdtrt_cert_type":"02","mdtrt_cert_no":"{{personId}}","insutype":"310","medfee_sumamt":{{yuan:0.00}},"begntime":"2026-03-02 09:00:00","acct_used_flag":"1","med_type":"41"},"drugdetail":[{"fixmedins_hilist_id":"D001","med_list_codg":"XA01","det_item_fee_sumamt":{{yuan:0.00}},"cnt":1,"pric":{{yuan:0.00}},"prd_days":7}]}""");

    /// <summary>A platform msgid: institution code (12), a timestamp (14) and a 4-digit sequence number.</summary>
    public static string MessageId(string institution, int sequence) =>
        institution + "20260302090000" + sequence.ToString("D4", CultureInfo.InvariantCulture);
}
