using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Medisettle.Silo.Hosting;
using Xunit;

namespace Medisettle.Silo.Tests;

/// <summary>
/// Start-up failures a user can cause end the real silo process with exit code 1 and one line on stderr naming the
/// option, the path or port and the problem; no stack trace anywhere. (Tests run as root, so the paths used here
/// fail for root too: a regular file in the way, or /proc.)
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("medisettle-startup-");

    [Fact]
    public async Task Data_dir_below_a_regular_file_is_one_line_naming_the_file_and_exit_code_1()
    {
        var file = RegularFile();
        var dataDir = Path.Combine(file, "data");

        var exit = await SiloProcess.RunUntilExitAsync("--port", FreePortText(), "--data-dir", dataDir);

        AssertOneLineFailure(exit, $"medisettle silo: --data-dir '{dataDir}' cannot be created: '{file}' is a file, not a directory.");
    }

    [Fact]
    public async Task Data_dir_that_is_a_regular_file_is_one_line_and_exit_code_1()
    {
        var file = RegularFile();

        var exit = await SiloProcess.RunUntilExitAsync("--port", FreePortText(), "--data-dir", file);

        AssertOneLineFailure(exit, $"medisettle silo: --data-dir '{file}' cannot be created: it is a file, not a directory.");
    }

    [Fact]
    public async Task Data_dir_under_proc_cannot_be_created_one_line_and_exit_code_1()
    {
        var exit = await SiloProcess.RunUntilExitAsync("--port", FreePortText(), "--data-dir", "/proc/medisettle-data");

        AssertOneLineFailure(exit, "medisettle silo: --data-dir '/proc/medisettle-data' cannot be created: the file system refuses to create files there (no such file or directory).");
    }

    [Fact]
    public async Task Existing_data_dir_that_takes_no_files_is_not_writable_one_line_and_exit_code_1()
    {
        var exit = await SiloProcess.RunUntilExitAsync("--port", FreePortText(), "--data-dir", "/proc/self");

        AssertOneLineFailure(exit, "medisettle silo: --data-dir '/proc/self' is not writable: the file system refuses to create files there (no such file or directory).");
    }

    [Fact]
    public async Task Gateway_port_in_use_is_one_line_naming_the_port_and_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var exit = await SiloProcess.RunUntilExitAsync("--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", Path.Combine(_directory.FullName, "data"));

        AssertOneLineFailure(exit, $"medisettle silo: --port {port}: 127.0.0.1:{port} is already in use (another silo still running?)");
    }

    [Fact]
    public async Task Invalid_option_value_is_one_line_naming_it_and_exit_code_1()
    {
        var exit = await SiloProcess.RunUntilExitAsync("--port", FreePortText(), "--data-dir", Path.Combine(_directory.FullName, "data"), "--persons", "0");

        AssertOneLineFailure(exit, "medisettle silo: Invalid silo options: --persons must be 1..10000000, not 0.");
    }

    [Theory]
    [InlineData("abc", "medisettle silo: --Gateway: Failed to convert configuration value 'abc' at 'Gateway:TransactionsInFlightMax' to type 'System.Int32'.")]
    [InlineData("0", "medisettle silo: --Gateway: GatewayOptions.TransactionsInFlightMax must be between 1 and 100000; got 0.")]
    public async Task Invalid_gateway_limit_is_one_line_naming_it_and_exit_code_1(string value, string line)
    {
        var exit = await SiloProcess.RunUntilExitAsync(
            "--port", FreePortText(), "--data-dir", Path.Combine(_directory.FullName, "data"), "--Gateway:TransactionsInFlightMax", value);

        AssertOneLineFailure(exit, line);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Stand_alone_gateway_without_a_cluster_is_one_line_and_exit_code_1()
    {
        var exit = await SiloProcess.RunUntilExitAsync(StandaloneGateway.Verb, "--port", FreePortText());

        AssertOneLineFailure(exit, "medisettle gateway: Invalid gateway options: a stand-alone gateway needs the cluster: --storage postgres --connection \"...\" (and the silos' --cluster-id).");
    }

    [Fact]
    public async Task Cluster_database_that_cannot_be_reached_is_one_line_and_exit_code_1()
    {
        var unused = SiloProcess.FreePort();
        var exit = await SiloProcess.RunUntilExitAsync(
            "--port", FreePortText(), "--data-dir", Path.Combine(_directory.FullName, "data"),
            "--storage", "postgres", "--connection", $"Host=127.0.0.1;Port={unused};Username=postgres;Timeout=3");

        Assert.Equal(1, exit.ExitCode);
        Assert.StartsWith("medisettle silo: --connection: the cluster database cannot be set up: ", exit.StandardError, StringComparison.Ordinal);
        Assert.Single(exit.StandardError.TrimEnd('\n').Split('\n'));
    }

    private static void AssertOneLineFailure(SiloExit exit, string expectedLine)
    {
        var detail = $"stdout:\n{exit.StandardOutput}\nstderr:\n{exit.StandardError}";
        Assert.True(exit.ExitCode == 1, $"exit code {exit.ExitCode}\n{detail}");
        Assert.Equal(expectedLine + "\n", exit.StandardError.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("   at ", exit.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", exit.StandardOutput, StringComparison.Ordinal);
    }

    private string RegularFile()
    {
        var file = Path.Combine(_directory.FullName, "file");
        File.WriteAllText(file, "not a directory");
        return file;
    }

    private static string FreePortText() => SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture);
}
