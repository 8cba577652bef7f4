using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Medisettle.Storage.Testing;

/// <summary>
/// A real PostgreSQL server for tests and benchmarks: initdb into a unique temporary directory, start on a
/// free loopback port (as the <c>postgres</c> OS user via <c>runuser</c> when running as root, since
/// PostgreSQL refuses to run as root), create a database; stop and delete everything on dispose.
/// Each instance is independent, so parallel test collections can each start their own.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    private const string PostgresUser = "postgres";
    private readonly LocalPostgresOptions _options;
    private readonly string _rootDirectory;
    private bool _running;

    private LocalPostgresServer(LocalPostgresOptions options, string rootDirectory, int port)
    {
        _options = options;
        _rootDirectory = rootDirectory;
        Port = port;
        ConnectionString = ConnectionStringFor(options.DatabaseName);
    }

    public int Port { get; }

    /// <summary>Connection string of the database created at start.</summary>
    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_rootDirectory, "data");

    private static bool RunningAsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public static async Task<LocalPostgresServer> StartAsync(LocalPostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalPostgresOptions();
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(options.BinDirectory, tool)))
            {
                throw new FileNotFoundException(
                    $"PostgreSQL server binary '{tool}' not found in {options.BinDirectory}. Install the Debian package postgresql-15, or set MEDISETTLE_PG_BIN to the directory holding initdb and pg_ctl.");
            }
        }

        var root = Path.Combine(Path.GetTempPath(), $"medisettle-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            if (RunningAsRoot)
            {
                await RunAsync("chown", [$"{PostgresUser}:{PostgresUser}", root], options.CommandTimeout, cancellationToken);
            }

            await RunPostgresToolAsync(options, "initdb", ["-D", Path.Combine(root, "data"), "-U", PostgresUser, "-A", "trust", "-E", "UTF8", "--no-sync"], cancellationToken);
            var server = await StartServerAsync(options, root, cancellationToken);
            await server.CreateDatabaseAsync(options.DatabaseName, cancellationToken);
            return server;
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>Creates another database on this server (for isolation) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"Database name '{name}' may contain only ASCII letters, digits and '_'.", nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            _running = false;
            NpgsqlConnection.ClearAllPools();
            try
            {
                await RunPostgresToolAsync(_options, "pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", TimeoutSeconds(_options), "stop"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                await RunPostgresToolAsync(_options, "pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }
        }

        TryDelete(_rootDirectory);
    }

    private string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={PostgresUser};Database={database};Include Error Detail=true";

    private static async Task<LocalPostgresServer> StartServerAsync(LocalPostgresOptions options, string root, CancellationToken cancellationToken)
    {
        var log = Path.Combine(root, "postgres.log");
        var settings = options.Durable ? "" : " -c fsync=off -c full_page_writes=off -c synchronous_commit=off";
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var serverOptions = $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200{settings}";
            try
            {
                await RunPostgresToolAsync(options, "pg_ctl", ["-D", Path.Combine(root, "data"), "-l", log, "-w", "-t", TimeoutSeconds(options), "-o", serverOptions, "start"], cancellationToken);
                return new LocalPostgresServer(options, root, port) { _running = true };
            }
            catch (InvalidOperationException exception) when (attempt < options.StartAttemptsMax)
            {
                Trace.TraceWarning($"PostgreSQL did not start on port {port} (attempt {attempt}): {exception.Message}");
            }
            catch (InvalidOperationException exception)
            {
                var tail = File.Exists(log) ? string.Join('\n', (await File.ReadAllLinesAsync(log, cancellationToken)).TakeLast(20)) : "(no log)";
                throw new InvalidOperationException($"PostgreSQL did not start after {attempt} attempts: {exception.Message}\nServer log:\n{tail}", exception);
            }
        }
    }

    private static string TimeoutSeconds(LocalPostgresOptions options) =>
        ((int)options.CommandTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunPostgresToolAsync(LocalPostgresOptions options, string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.BinDirectory, tool);
        return RunningAsRoot
            ? RunAsync("runuser", ["-u", PostgresUser, "--", path, .. arguments], options.CommandTimeout, cancellationToken)
            : RunAsync(path, arguments, options.CommandTimeout, cancellationToken);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        if (process.ExitCode != 0)
        {
            var message = await Task.WhenAny(Task.WhenAll(output, error), Task.Delay(TimeSpan.FromSeconds(5), cancellationToken)) is Task<string[]> both
                ? string.Join('\n', both.Result)
                : "(no output)";
            throw new InvalidOperationException($"{string.Join(' ', arguments.Take(5))}... exited with code {process.ExitCode}: {message.Trim()}");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // best effort: a temp directory left behind is harmless
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
