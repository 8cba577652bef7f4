using System.Globalization;
using Medisettle.Storage.Testing;

namespace Medisettle.Silo.Tests;

/// <summary>
/// A cluster of real processes on loopback: a throwaway PostgreSQL, silo processes (<c>--storage postgres</c>, one
/// cluster id, one shared key ring, a data directory each) and stand-alone gateway processes. Disposing thaws paused
/// processes, kills every process, stops PostgreSQL and deletes every directory.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private readonly LocalPostgresServer _postgres;
    private readonly string _directory;
    private readonly string _clusterId = "chaos-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<SiloProcess> _processes = [];
    private readonly HashSet<SiloProcess> _paused = [];

    private ProcessCluster(LocalPostgresServer postgres, string directory)
    {
        _postgres = postgres;
        _directory = directory;
    }

    /// <summary>The first silo's data directory: it seeded the demo data and wrote <c>demo-credentials.json</c> there.</summary>
    public string SeedDataDirectory => DataDirectory(0);

    /// <summary>A directory for the test's own files, deleted with the cluster.</summary>
    public string WorkDirectory => Path.Combine(_directory, "work");

    public static async Task<ProcessCluster> StartPostgresAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"medisettle-chaos-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(directory, "work"));
        try
        {
            return new ProcessCluster(await LocalPostgresServer.StartAsync(), directory);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Starts silo <paramref name="index"/> and waits until it is ready (the first one seeds the demo data).</summary>
    public async Task<SiloProcess> StartSiloAsync(int index, int persons, int institutions)
    {
        var silo = await SiloProcess.StartAsync(DataDirectory(index), SiloProcess.FreePort(), persons, institutions, moreArguments: ClusterArguments());
        lock (_processes)
        {
            _processes.Add(silo);
        }

        return silo;
    }

    public async Task<SiloProcess> StartGatewayAsync()
    {
        var gateway = await SiloProcess.StartGatewayAsync(SiloProcess.FreePort(), ClusterArguments());
        lock (_processes)
        {
            _processes.Add(gateway);
        }

        return gateway;
    }

    /// <summary>SIGSTOP: the process is frozen (it keeps its sockets and its database sessions) until <see cref="ResumeAsync"/>.</summary>
    public async Task PauseAsync(SiloProcess process)
    {
        lock (_paused)
        {
            _paused.Add(process);
        }

        await process.SignalAsync("STOP");
    }

    /// <summary>SIGCONT.</summary>
    public async Task ResumeAsync(SiloProcess process)
    {
        await process.SignalAsync("CONT");
        lock (_paused)
        {
            _paused.Remove(process);
        }
    }

    /// <summary>
    /// The silo's status in Orleans' membership table (its newest incarnation): 3 Active, 5 ShuttingDown, 6 Dead, …;
    /// null before it has a row.
    /// </summary>
    public async Task<int?> MembershipStatusAsync(SiloProcess silo)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Port = @port ORDER BY Generation DESC LIMIT 1", connection);
        command.Parameters.AddWithValue("cluster", _clusterId);
        command.Parameters.AddWithValue("port", silo.SiloPort ?? throw new ArgumentException("A stand-alone gateway has no membership row.", nameof(silo)));
        return await command.ExecuteScalarAsync() is int status ? status : null;
    }

    /// <summary>The last lines of every process, for a failure report.</summary>
    public string OutputTails(int lines)
    {
        lock (_processes)
        {
            return string.Join("\n\n", _processes.Select((p, i) => $"--- process {i} (pid {p.ProcessId}, port {p.Port}{(p.HasExited ? $", exited {p.ExitCode}" : "")}):\n{p.OutputTail(lines)}"));
        }
    }

    /// <summary>
    /// Writes everything each process printed to <c>process-N.log</c> files in a new directory under the temp directory
    /// (kept after the cluster is gone, for a failure report) and returns its path.
    /// </summary>
    public string SaveOutputs()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"medisettle-chaos-logs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        lock (_processes)
        {
            for (var i = 0; i < _processes.Count; i++)
            {
                File.WriteAllText(Path.Combine(directory, $"process-{i.ToString(CultureInfo.InvariantCulture)}.log"), _processes[i].Output);
            }
        }

        return directory;
    }

    public async ValueTask DisposeAsync()
    {
        SiloProcess[] processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        foreach (var paused in _paused.ToArray())
        {
            await ResumeAsync(paused);
        }

        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public string DataDirectory(int index) => Path.Combine(_directory, "silo-" + index.ToString(CultureInfo.InvariantCulture));

    private string[] ClusterArguments() =>
    [
        "--storage", "postgres", "--connection", _postgres.ConnectionString + ";Maximum Pool Size=20",
        "--cluster-id", _clusterId, "--keys-dir", Path.Combine(_directory, "keys"),
    ];
}
