using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Demo;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Platform;
using Microsoft.AspNetCore.DataProtection;

namespace Medisettle.Silo.Hosting;

/// <summary>
/// First-start demo setup, run as a silo start-up task before the silo accepts requests: seeds the deterministic
/// demo persons and the demo institutions with random secrets, once per cluster (silos starting together take turns
/// through <see cref="IDemoSeedingGrain"/>; the others wait, and later starts find the data present), reads the secrets
/// back from the institution grains when another silo or an earlier start seeded, writes <c>demo-credentials.json</c>
/// (institution secrets, admin token, example ids) and prints a signed example request.
/// </summary>
public sealed class DemoBootstrap(
    IGrainFactory grains,
    SiloHostOptions options,
    IDataProtectionProvider protection,
    ILocalSiloDetails silo,
    [FromKeyedServices(SettlementClock.ServiceKey)] TimeProvider time) : IStartupTask
{
    public const string CredentialsFileName = "demo-credentials.json";

    /// <summary>How long a silo's seeding turn is kept for it; a silo that dies seeding delays the others this long at most.</summary>
    public static readonly TimeSpan SeedingLease = TimeSpan.FromMinutes(10);

    /// <summary>How often a waiting silo asks whether the seeding silo is done.</summary>
    private static readonly TimeSpan SeedingPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Demo pharmacy (institution 0) and demo employee with a personal account (person 0).</summary>
    public static readonly string ExamplePharmacy = DemoData.InstitutionCode(0);

    public static readonly string ExampleEmployee = DemoData.PersonId(0);

    public Task Execute(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var seeder = new DemoSeeder(grains);
        DemoCredentials credentials;
        if (await seeder.IsSeededAsync(options.Persons, options.Institutions))
        {
            Console.WriteLine($"Demo data present ({options.Persons:N0} persons, {options.Institutions:N0} institutions); not seeding.");
            credentials = await seeder.ReadCredentialsAsync(options.Institutions, protection, cancellationToken);
        }
        else
        {
            credentials = await SeedOnceAsync(seeder, cancellationToken);
        }

        var path = Path.Combine(options.DataDir, CredentialsFileName);
        PrivateFiles.WriteAllBytes(path, CredentialsJson(credentials));
        Console.WriteLine(options.AdminTokenInDataDir
            ? $"Wrote {path} (0600: institution secrets and the admin token)."
            : $"Wrote {path} (0600: institution secrets; the admin token was given, so it is not written).");
        Console.WriteLine(ExampleRequest(credentials.SecretOf(ExamplePharmacy)));
    }

    /// <summary>Seeds when this silo gets the cluster's turn; otherwise waits for the silo that has it, then reads the secrets.</summary>
    private async Task<DemoCredentials> SeedOnceAsync(DemoSeeder seeder, CancellationToken cancellationToken)
    {
        var turns = grains.GetGrain<IDemoSeedingGrain>(IDemoSeedingGrain.Key);
        var me = silo.SiloAddress.ToParsableString();
        var announced = false;
        while (true)
        {
            switch (await turns.BeginAsync(me, options.Persons, options.Institutions, SeedingLease))
            {
                case SeedingTurn.Seed:
                    var credentials = await SeedAsync(seeder, cancellationToken);
                    await turns.CompleteAsync(me);
                    return credentials;
                case SeedingTurn.Done:
                    Console.WriteLine($"Demo data seeded by another silo of the cluster ({options.Persons:N0} persons, {options.Institutions:N0} institutions).");
                    return await seeder.ReadCredentialsAsync(options.Institutions, protection, cancellationToken);
                default:
                    if (!announced)
                    {
                        Console.WriteLine("Another silo of the cluster is seeding the demo data; waiting for it ...");
                        announced = true;
                    }

                    await Task.Delay(SeedingPollInterval, cancellationToken);
                    break;
            }
        }
    }

    private async Task<DemoCredentials> SeedAsync(DemoSeeder seeder, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Seeding demo data: {options.Institutions:N0} institutions, {options.Persons:N0} persons ...");
        var clock = Stopwatch.StartNew();
        var progress = new Progress<int>(done => Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"  {done:N0} / {options.Persons:N0} persons ({done / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0}/s)")));
        var credentials = await seeder.SeedAsync(options.Persons, options.Institutions, progress, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded in {seconds:N1} s ({options.Persons / Math.Max(seconds, 0.001):N0} persons/s)."));
        return credentials;
    }

    /// <summary>The credentials file; '+' in base64 secrets stays literal (relaxed escaping) so shell scripts can read it.</summary>
    private byte[] CredentialsJson(DemoCredentials credentials)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("gateway", $"http://127.0.0.1:{options.Port}");
            if (options.AdminTokenInDataDir)
            {
                json.WriteString("adminToken", options.AdminToken);
            }

            json.WriteStartObject("examples");
            json.WriteString("pharmacy", ExamplePharmacy);
            json.WriteString("hospital", DemoData.InstitutionCode(8));
            json.WriteString("employeeWithAccount", ExampleEmployee);
            json.WriteString("region", DemoData.DemoRegion);
            json.WriteEndObject();
            json.WriteStartObject(DemoCredentials.InstitutionsProperty);
            for (var i = 0; i < options.Institutions; i++)
            {
                var code = DemoData.InstitutionCode(i);
                json.WriteString(code, credentials.SecretOf(code));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A ready-to-paste curl for 1101 (person info of the demo employee) at the demo pharmacy, signed now.</summary>
    private string ExampleRequest(string secret)
    {
        var now = time.GetUtcNow();
        var local = now.ToOffset(TimeSpan.FromHours(8));
        var msgid = ExamplePharmacy + local.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "0001";
        var envelope = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"infno":"1101","msgid":"{{{msgid}}}","mdtrtarea_admvs":"990001","insuplc_admdvs":"990001","recer_sys_code":"FSI_LOCAL","infver":"V1.0","opter_type":"1","opter":"001","opter_name":"demo","inf_time":"{{{local:yyyy-MM-dd HH:mm:ss}}}","fixmedins_code":"{{{ExamplePharmacy}}}","fixmedins_name":"demo pharmacy","input":""");
        var body = envelope + $$"""{"data":{"mdtrt_cert_type":"02","mdtrt_cert_no":"{{ExampleEmployee}}"}""" + "}}";
        var timestamp = now.ToUnixTimeMilliseconds();
        var signature = RequestSigner.Sign(secret, timestamp, ExamplePharmacy, Encoding.UTF8.GetBytes(body));
        return $"""
            Example (1101 person info at demo pharmacy {ExamplePharmacy}; signed now, valid for 5 minutes; scripts/call.sh signs afresh):
            curl -sS http://127.0.0.1:{options.Port}/fsi/api/transactions -H 'Content-Type: application/json' \
              -H '{RequestSigner.InstitutionHeader}: {ExamplePharmacy}' -H '{RequestSigner.TimestampHeader}: {timestamp}' \
              -H '{RequestSigner.SignatureHeader}: {signature}' \
              --data-binary '{body}'
            """;
    }
}
