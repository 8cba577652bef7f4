using System.Globalization;
using System.Text;
using Medisettle.Grains.Demo;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>
/// The demo institutions' secrets are random per data directory (nothing in the repository derives them), kept by the
/// institution grains protected with the key ring in <c>{data-dir}/keys</c>, so only demo-credentials.json holds them
/// in plain; a restart reads them back and a signed request still verifies.
/// </summary>
public sealed class DemoSecretsTests
{
    private const int Institutions = 10;
    private const int Persons = 20;

    [Fact]
    public async Task Fresh_data_directories_get_different_random_secrets_that_a_restart_keeps_and_the_database_never_holds()
    {
        var root = Path.Combine(Path.GetTempPath(), $"medisettle-demo-secrets-{Guid.NewGuid():N}");
        var first = Path.Combine(root, "first");
        var second = Path.Combine(root, "second");
        try
        {
            var firstSecrets = await StartAndReadAsync(first);
            var secondSecrets = await StartAndReadAsync(second);
            DemoCredentials afterRestart;
            string infcode;
            await using (var restarted = await SiloProcess.StartAsync(first, SiloProcess.FreePort(), Persons, Institutions))
            {
                afterRestart = Read(first);
                using var http = new HttpClient { BaseAddress = restarted.BaseAddress };
                var pharmacy = DemoData.InstitutionCode(0);
                var answer = await PlatformClient.ForSilo(http, first).SendAsync(
                    "1101", pharmacy, PlatformClient.MessageId(pharmacy, 1), $$$"""{"data":{"mdtrt_cert_type":"02","mdtrt_cert_no":"{{{DemoData.PersonId(0)}}}"}}""");
                infcode = answer.GetProperty("infcode").GetInt32().ToString(CultureInfo.InvariantCulture);
            }

            Assert.Equal(Institutions, firstSecrets.Count);
            Assert.Equal(Institutions, secondSecrets.Count);
            Assert.All(firstSecrets.Secrets, s => Assert.Equal(DemoCredentials.SecretBytes, Convert.FromBase64String(s.Value).Length));
            Assert.All(firstSecrets.Secrets, s => Assert.NotEqual(s.Value, secondSecrets.SecretOf(s.Key)));
            Assert.Equal(Institutions, firstSecrets.Secrets.Values.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(firstSecrets.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal), afterRestart.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal));
            Assert.Equal("0", infcode);
            Assert.Equal([], FilesHoldingASecret(first, firstSecrets));
            Assert.Equal([], FilesHoldingASecret(second, secondSecrets));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<DemoCredentials> StartAndReadAsync(string dataDirectory)
    {
        await using (await SiloProcess.StartAsync(dataDirectory, SiloProcess.FreePort(), Persons, Institutions))
        {
            return Read(dataDirectory);
        }
    }

    private static DemoCredentials Read(string dataDirectory) =>
        DemoCredentials.ReadFile(Path.Combine(dataDirectory, "demo-credentials.json"));

    /// <summary>Every file of the data directory (database, WAL, key ring) but demo-credentials.json that contains a secret.</summary>
    private static string[] FilesHoldingASecret(string dataDirectory, DemoCredentials credentials) =>
        Directory.GetFiles(dataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "demo-credentials.json")
            .Where(f =>
            {
                var bytes = File.ReadAllBytes(f);
                return credentials.Secrets.Values.Any(s =>
                    bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(s)) >= 0 || bytes.AsSpan().IndexOf(Convert.FromBase64String(s)) >= 0);
            })
            .ToArray();
}
