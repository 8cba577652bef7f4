using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>The hand-written day (<see cref="ReplayDay"/>) replayed once; the replay tests read and build on its output.</summary>
public sealed class ReplayDayFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("replay-test-");

    public string Directory => _directory.FullName;

    public string RequestsPath => Path.Combine(Directory, "day.jsonl");

    public string OutDirectory => Path.Combine(Directory, "out");

    public int ExitCode { get; private set; }

    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await File.WriteAllLinesAsync(RequestsPath, ReplayDay.Lines());
        var log = new StringWriter();
        ExitCode = await ReplayCommand.RunAsync(RequestsPath, PolicyPackLoader.DefaultDirectory, null, OutDirectory, log, new StringWriter(), CancellationToken.None);
        Log = log.ToString();
    }

    public Task DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
