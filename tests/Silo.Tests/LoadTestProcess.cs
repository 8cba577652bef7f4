using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Medisettle.Silo.Tests;

/// <summary>
/// The load tool (<c>Medisettle.LoadTest.dll</c>, built beside these tests) run as a child process with the cluster's
/// admin token. Keeps every line it prints and notes when its run started, from its first progress line
/// (<c>[   1.0 s] offered …</c>), in <see cref="Stopwatch"/> ticks, so the caller can time events against the run.
/// </summary>
internal sealed partial class LoadTestProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<long> _runStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoadTestProcess(Process process) => _process = process;

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> of the run's second 0, once the first progress line arrived.</summary>
    public Task<long> RunStarted => _runStarted.Task;

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

    public static LoadTestProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BuiltProgram.DllPath("LoadTest", "Medisettle.LoadTest.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MEDISETTLE_ADMIN_TOKEN"] = SiloProcess.AdminToken;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var tool = new LoadTestProcess(process);
        process.OutputDataReceived += (_, e) => tool.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => tool.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>Waits at most <paramref name="timeout"/>; the exit code, or null (and the process killed) when it did not exit.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            await _process.WaitForExitAsync(); // the last lines of output
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Kill();
            return null;
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

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

        if (!_runStarted.Task.IsCompleted && ProgressLine().Match(line) is { Success: true } match)
        {
            var elapsed = TimeSpan.FromSeconds(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            _runStarted.TrySetResult(Stopwatch.GetTimestamp() - (long)(elapsed.TotalSeconds * Stopwatch.Frequency));
        }
    }

    [GeneratedRegex(@"^\[\s*([0-9]+\.[0-9]) s\] offered ")]
    private static partial Regex ProgressLine();
}
