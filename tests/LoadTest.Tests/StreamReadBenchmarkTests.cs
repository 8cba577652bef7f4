using Medisettle.LoadTest.Bench;
using Medisettle.Storage.Dialects;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Medisettle.Storage.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>stream-reads</c>: a person's stream reads timed on a copy of a silo's file, beside the same entries read by key.</summary>
public sealed class StreamReadBenchmarkTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("stream-reads-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    /// <summary>
    /// A file copied while its silo still ran (as after a crash: entries not yet in the index table): the reads find every
    /// entry of each person stream (the benchmark checks that the three reads agree), and the file itself is untouched.
    /// </summary>
    [Fact]
    public async Task The_reads_of_each_person_stream_agree_and_the_file_is_not_changed()
    {
        var path = Path.Combine(_directory.FullName, "silo.db");
        await WriteAsync(path, ("person:A", 2), ("person:B", 3), ("person:C", 4), ("post:inst:H1", 5));
        var bytes = await File.ReadAllBytesAsync(path);

        var report = await StreamReadBenchmark.RunAsync(path, streams: 10, rounds: 2, CancellationToken.None);

        var lines = report.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{path}: stream index table, 14 entries not yet in it (read into memory at start); 3 person streams × 2 rounds, 3.0 entries a stream, one read at a time", lines[0]);
        Assert.StartsWith("| stream from its first entry (ReadOwnStreamFrom) | 6 | ", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("| stream after 0 (ReadOwnStream) | 6 | ", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("| the same entries by their keys (ReadAt; baseline) | 6 | ", lines[5], StringComparison.Ordinal);
        Assert.EndsWith(" | 1.00 |", lines[5], StringComparison.Ordinal);
        Assert.Equal(6, lines.Length);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_file_without_person_streams_is_refused_with_its_name()
    {
        var path = Path.Combine(_directory.FullName, "silo.db");
        await WriteAsync(path, ("post:inst:H1", 2));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StreamReadBenchmark.RunAsync(path, streams: 10, rounds: 1, CancellationToken.None));

        Assert.Equal($"{path} has no person streams to read.", refused.Message);
    }

    /// <summary>Appends the entries and copies the file (with its WAL) while the storage still runs, then stops it.</summary>
    private async Task WriteAsync(string path, params (string Stream, int Entries)[] streams)
    {
        var running = Path.Combine(_directory.FullName, "running.db");
        var options = new SqliteStorageOptions { DatabasePath = running, GrainStorageSerializer = new JsonGrainStateSerializer(JsonGrainStateSerializer.CreateDefaultOptions()) };
        await using var storage = new GroupCommitGrainStorage("test", new SqliteDialect(options), TimeProvider.System, NullLogger.Instance);
        await storage.StartAsync(CancellationToken.None);
        var appends = streams.SelectMany(s => Enumerable.Range(0, s.Entries).Select(i => new JournalAppend(s.Stream, $"{s.Stream}-{i}", "{}"))).ToArray();
        await storage.WriteStateAsync("s", GrainId.Create("test", "k"), new GrainState<string>("v"), appends, CancellationToken.None);
        File.Copy(running, path);
        File.Copy(running + "-wal", path + "-wal");
        await storage.StopAsync();
    }
}
