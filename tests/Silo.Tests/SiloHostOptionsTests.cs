using Medisettle.Silo.Hosting;
using Xunit;

namespace Medisettle.Silo.Tests;

public sealed class SiloHostOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(new SiloHostOptions().Problems());
    }

    [Theory]
    [InlineData(0, "sqlite", null, 100, null, "--port must be 1..65535, not 0.")]
    [InlineData(5080, "mysql", null, 100, null, "--storage must be sqlite or postgres, not 'mysql'.")]
    [InlineData(5080, "postgres", null, 100, null, "--connection is required with --storage postgres.")]
    [InlineData(5080, "sqlite", null, 0, null, "--persons must be 1..10000000, not 0.")]
    [InlineData(5080, "sqlite", null, 100, "short", "AdminToken (MEDISETTLE_ADMIN_TOKEN) must have at least 32 characters, not 5.")]
    public void Each_bad_option_is_named_with_its_value(int port, string storage, string? connection, int persons, string? token, string expected)
    {
        var options = new SiloHostOptions { Port = port, Storage = storage, Connection = connection, Persons = persons, AdminToken = token };

        Assert.Equal([expected], options.Problems());
    }

    [Theory]
    [InlineData(0, 30000, "--silo-port must be 1..65535, not 0.")]
    [InlineData(11111, 65536, "--gateway-port must be 1..65535, not 65536.")]
    [InlineData(5080, 30000, "--port, --silo-port and --gateway-port must differ, not 5080, 5080 and 30000.")]
    [InlineData(11111, 11111, "--port, --silo-port and --gateway-port must differ, not 5080, 11111 and 11111.")]
    public void Orleans_ports_are_checked_and_must_differ_from_each_other(int siloPort, int gatewayPort, string expected)
    {
        var options = new SiloHostOptions { SiloPort = siloPort, GatewayPort = gatewayPort };

        Assert.Equal([expected], options.Problems());
    }

    [Fact]
    public void Key_ring_is_in_the_data_directory_unless_given()
    {
        Assert.Equal(Path.Combine("/srv/medisettle", "keys"), new SiloHostOptions { DataDir = "/srv/medisettle" }.KeysDirectory);
        Assert.Equal("/srv/shared-keys", new SiloHostOptions { DataDir = "/srv/medisettle", KeysDir = "/srv/shared-keys" }.KeysDirectory);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Empty_keys_dir_is_named(string keysDir)
    {
        Assert.Equal(["--keys-dir must not be empty."], new SiloHostOptions { KeysDir = keysDir }.Problems());
    }
}
