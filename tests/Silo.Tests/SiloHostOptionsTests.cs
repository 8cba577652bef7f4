using Medisettle.Silo.Hosting;
using Microsoft.Extensions.Configuration;
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
    [InlineData(null, true)]
    [InlineData("on", true)]
    [InlineData("off", false)]
    public void The_dashboard_is_on_unless_turned_off(string? value, bool on)
    {
        var configuration = new ConfigurationManager();
        configuration.AddCommandLine(value is null ? [] : ["--dashboard", value]);

        var options = SiloHostOptions.Read(configuration);

        Assert.Equal(on, options.DashboardOn);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void A_dashboard_setting_other_than_on_or_off_is_named()
    {
        Assert.Equal(["--dashboard must be on or off, not 'yes'."], new SiloHostOptions { Dashboard = "yes" }.Problems());
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
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("../etc")]
    public void Cluster_id_is_letters_digits_dash_and_underscore(string clusterId)
    {
        var options = new SiloHostOptions { ClusterId = clusterId };

        Assert.Equal([$"--cluster-id must be 1..64 letters, digits, '-' or '_', not '{clusterId}'."], options.Problems());
    }

    [Theory]
    [InlineData("2013-06-03")]
    [InlineData("2013-06-03T09:00:00")]
    [InlineData("2013-06-03 09:00:00+08:00")]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("2100-01-01T00:00:00Z")]
    [InlineData("2013-02-30T09:00:00+08:00")]
    public void Clock_start_must_be_an_instant_with_its_offset_in_this_century(string clockStart)
    {
        var options = new SiloHostOptions { ClockStart = clockStart };

        Assert.Equal([$"--clock-start must be an instant with its offset between 2000 and 2099, e.g. 2013-06-03T09:00:00+08:00, not '{clockStart}'."], options.Problems());
        Assert.Null(options.ClockStartInstant);
    }

    [Theory]
    [InlineData("2013-06-03T09:00:00+08:00", "2013-06-03T01:00:00+00:00")]
    [InlineData("2000-01-01T00:00Z", "2000-01-01T00:00:00+00:00")]
    [InlineData("2099-12-31T23:59:59-05:00", "2100-01-01T04:59:59+00:00")]
    [InlineData("2000-01-01T00:00:00+08:00", "1999-12-31T16:00:00+00:00")]
    public void Clock_start_with_its_offset_is_accepted(string clockStart, string utc)
    {
        var options = new SiloHostOptions { ClockStart = clockStart };

        Assert.Empty(options.Problems());
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), options.ClockStartInstant);
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
