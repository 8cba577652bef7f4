using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Medisettle.Silo.Tests;

/// <summary>
/// The real silo program (<c>Medisettle.Silo.dll</c>, as built next to these tests) started as a child process on
/// a loopback port and a data directory of its own. <see cref="KillAsync"/> is a hard kill (SIGKILL): no shutdown
/// hook, no flush.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    public const string AdminToken = "crash-test-admin-token-0123456789abcdef";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private SiloProcess(Process process, int port, int? siloPort)
    {
        _process = process;
        Port = port;
        SiloPort = siloPort;
    }

    /// <summary>The HTTP port.</summary>
    public int Port { get; }

    /// <summary>The Orleans silo-to-silo port (its row in the membership table); null for a stand-alone gateway.</summary>
    public int? SiloPort { get; }

    /// <summary>The operating system's process id.</summary>
    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; only once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The last <paramref name="count"/> lines the process printed (for failure messages).</summary>
    public string OutputTail(int count)
    {
        lock (_output)
        {
            return string.Join('\n', _output.TakeLast(count));
        }
    }

    /// <summary>Everything the process printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the silo; <paramref name="adminToken"/> is given by environment unless null (then none is given).</summary>
    public static Task<SiloProcess> StartAsync(
        string dataDirectory, int port, int persons, int institutions, string? adminToken = AdminToken, IReadOnlyList<string>? moreArguments = null)
    {
        string[] arguments =
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDirectory,
            "--silo-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--persons", persons.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--institutions", institutions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. moreArguments ?? [],
        ];
        return LaunchAsync(arguments, port, adminToken);
    }

    /// <summary>
    /// Starts the program in <c>gateway</c> mode (the HTTP gateway alone, an Orleans client of a cluster) on
    /// <paramref name="port"/>, with <paramref name="clusterArguments"/> (<c>--storage postgres --connection … --cluster-id …
    /// --keys-dir …</c>) and the admin token by environment.
    /// </summary>
    public static Task<SiloProcess> StartGatewayAsync(int port, IReadOnlyList<string> clusterArguments) =>
        LaunchAsync(["gateway", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. clusterArguments], port, AdminToken);

    private static async Task<SiloProcess> LaunchAsync(string[] arguments, int port, string? adminToken)
    {
        var siloPortAt = Array.IndexOf(arguments, "--silo-port");
        int? siloPort = siloPortAt >= 0 ? int.Parse(arguments[siloPortAt + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SiloDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ADMIN_TOKEN");
        start.Environment["MEDISETTLE_ADMIN_TOKEN"] = adminToken;
        if (adminToken is null)
        {
            start.Environment.Remove("MEDISETTLE_ADMIN_TOKEN");
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var silo = new SiloProcess(process, port, siloPort);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(silo._ready.Task, exited, Task.Delay(StartTimeout));
        if (first != silo._ready.Task)
        {
            await silo.KillAsync();
            throw new InvalidOperationException($"The process did not become ready within {StartTimeout}:\n{silo.Output}");
        }

        return silo;
    }

    /// <summary>
    /// Runs the silo with <paramref name="arguments"/> (besides free Orleans ports, unless given) until it exits by
    /// itself; for start-up failures. Killed and reported as exit code -1 when it is still running after a minute.
    /// </summary>
    public static async Task<SiloExit> RunUntilExitAsync(params string[] arguments)
    {
        var siloPortAt = Array.IndexOf(arguments, "--silo-port");
        int? siloPort = siloPortAt >= 0 ? int.Parse(arguments[siloPortAt + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SiloDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var option in new[] { "--silo-port", "--gateway-port" }.Where(o => !arguments.Contains(o)))
        {
            start.ArgumentList.Add(option);
            start.ArgumentList.Add(FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        start.Environment["MEDISETTLE_ADMIN_TOKEN"] = AdminToken;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new SiloExit(-1, await standardOutput, await standardError);
        }

        return new SiloExit(process.ExitCode, await standardOutput, await standardError);
    }

    /// <summary>
    /// A free loopback port (the OS picks it; it is released just before the silo binds it), never one this test run has
    /// handed out before: the OS may offer a port it just released again, and a silo given the same port twice (its
    /// HTTP, silo and gateway ports) refuses to start.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>SIGKILL: the process gets no chance to flush anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (<c>STOP</c>, <c>CONT</c>, <c>TERM</c>) with kill(1); .NET itself only sends
    /// SIGKILL. Does nothing once the process has exited.
    /// </summary>
    public async Task SignalAsync(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await kill.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Waits at most <paramref name="timeout"/> for the process to exit; true when it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The silo dll built beside this test project, in the same configuration.</summary>
    private static string SiloDll() => BuiltProgram.DllPath("Silo", "Medisettle.Silo.dll");

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.Contains(" ready on http://", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
