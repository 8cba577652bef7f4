using System.Text;
using System.Text.Json;
using Medisettle.Silo.Hosting;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>
/// The data directory holds secrets (institution credentials, the admin token), so it is the owner's alone: the
/// directory 0700 and every file in it 0600, from the first byte (process umask 077); a given admin token is not
/// written anywhere.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataDirectorySecurityTests
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = OwnerFile | UnixFileMode.UserExecute;

    [Fact]
    public async Task Data_directory_and_key_ring_are_0700_and_database_admin_token_demo_credentials_and_keys_are_0600()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"medisettle-modes-{Guid.NewGuid():N}", "data");
        try
        {
            await using (await SiloProcess.StartAsync(directory, SiloProcess.FreePort(), persons: 20, institutions: 10, adminToken: null))
            {
                Assert.Equal(OwnerDirectory, File.GetUnixFileMode(directory));
                Assert.Equal(
                    [
                        ("admin-token", OwnerFile), ("demo-credentials.json", OwnerFile), ("silo.db", OwnerFile),
                        ("silo.db-shm", OwnerFile), ("silo.db-wal", OwnerFile),
                    ],
                    Directory.GetFiles(directory).Select(f => (Path.GetFileName(f), File.GetUnixFileMode(f))).Order().ToArray());
                var keys = Path.Combine(directory, "keys");
                Assert.Equal(OwnerDirectory, File.GetUnixFileMode(keys));
                Assert.Equal([OwnerFile], Directory.GetFiles(keys).Select(File.GetUnixFileMode).Distinct().ToArray());
                var token = File.ReadAllText(Path.Combine(directory, MedisettleHostExtensions.AdminTokenFileName)).Trim();
                using var credentials = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, DemoBootstrap.CredentialsFileName)));
                Assert.Equal(token, credentials.RootElement.GetProperty("adminToken").GetString());
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(directory)!, recursive: true);
        }
    }

    [Fact]
    public async Task Admin_token_given_by_environment_is_written_nowhere_in_the_data_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"medisettle-token-{Guid.NewGuid():N}");
        try
        {
            await using (await SiloProcess.StartAsync(directory, SiloProcess.FreePort(), persons: 20, institutions: 10))
            {
                var token = Encoding.UTF8.GetBytes(SiloProcess.AdminToken);
                Assert.False(File.Exists(Path.Combine(directory, MedisettleHostExtensions.AdminTokenFileName)));
                using var credentials = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, DemoBootstrap.CredentialsFileName)));
                Assert.False(credentials.RootElement.TryGetProperty("adminToken", out _));
                Assert.DoesNotContain(
                    Directory.GetFiles(directory, "*", SearchOption.AllDirectories),
                    f => File.ReadAllBytes(f).AsSpan().IndexOf(token) >= 0);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
