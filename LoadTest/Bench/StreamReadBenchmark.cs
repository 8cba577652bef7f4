using System.Diagnostics;
using System.Globalization;
using System.Text;
using Medisettle.Storage.Dialects;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Medisettle.Storage.Serialization;

namespace Medisettle.LoadTest.Bench;

/// <summary>
/// The reads a person's activation makes of its journal stream (the replay after its checkpoint), timed one at a time on
/// a copy of a stopped silo's SQLite file: the stream's entries from its first one (<see cref="IJournal.ReadOwnStreamFromAsync"/>,
/// the checkpoint's entry on), and after a sequence (<see cref="IJournal.ReadOwnStreamAsync"/>), against the same entries
/// fetched by their keys (<see cref="IJournal.ReadAtAsync"/>): the floor a stream read can reach. A copy, as the storage
/// starts on it as a silo does (it reads the unflushed journal into memory, and its stop flushes the stream index).
/// </summary>
internal static class StreamReadBenchmark
{
    public static async Task<string> RunAsync(string path, int streams, int rounds, CancellationToken cancellationToken)
    {
        var scratch = Directory.CreateTempSubdirectory("medisettle-stream-reads-");
        try
        {
            var copy = Path.Combine(scratch.FullName, "silo.db");
            File.Copy(path, copy);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                if (File.Exists(path + suffix))
                {
                    File.Copy(path + suffix, copy + suffix);
                }
            }

            var options = new SqliteStorageOptions { DatabasePath = copy, GrainStorageSerializer = new JsonGrainStateSerializer(JsonGrainStateSerializer.CreateDefaultOptions()) };
            var dialect = new SqliteDialect(options);
            await using var storage = new GroupCommitGrainStorage("stream-reads", dialect, TimeProvider.System, NullLogger.Instance);
            await storage.StartAsync(cancellationToken);
            var layout = dialect.StreamIndex is { } index
                ? $"stream index table, {index.Tail.Count:N0} entries not yet in it (read into memory at start)"
                : "journal (stream, sequence) index (a file made before the stream index table)";
            var names = await PersonStreamsAsync(copy, streams, cancellationToken);
            if (names.Count == 0)
            {
                throw new InvalidOperationException($"{path} has no person streams to read.");
            }

            var from = new List<double>();
            var after = new List<double>();
            var byKey = new List<double>();
            long entries = 0;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var stream in names)
                {
                    var started = Stopwatch.GetTimestamp();
                    var all = await storage.ReadOwnStreamAsync(stream, 0, 256, cancellationToken);
                    after.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                    started = Stopwatch.GetTimestamp();
                    var fromFirst = await storage.ReadOwnStreamFromAsync(stream, all[0].EntryId, 256, cancellationToken);
                    from.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                    var sequences = all.Select(e => e.Sequence).ToList();
                    started = Stopwatch.GetTimestamp();
                    var keyed = await storage.ReadAtAsync(sequences, cancellationToken);
                    byKey.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                    if (fromFirst.Count != all.Count || keyed.Count != all.Count)
                    {
                        throw new InvalidOperationException($"Stream {stream}: {all.Count} entries read after 0, {fromFirst.Count} from its first, {keyed.Count} by key.");
                    }

                    entries += all.Count;
                }
            }

            await storage.StopAsync();
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"{path}: {layout}; {names.Count:N0} person streams × {rounds} rounds, {(double)entries / (names.Count * rounds):F1} entries a stream, one read at a time");
            report.AppendLine("| read | reads | mean µs | p50 µs | p99 µs | mean ÷ by keys |");
            report.AppendLine("|---|---:|---:|---:|---:|---:|");
            var baseline = byKey.Average();
            foreach (var (name, times) in new[] { ("stream from its first entry (ReadOwnStreamFrom)", from), ("stream after 0 (ReadOwnStream)", after), ("the same entries by their keys (ReadAt; baseline)", byKey) })
            {
                times.Sort();
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {times.Count:N0} | {times.Average():F1} | {times[times.Count / 2]:F1} | {times[(int)(times.Count * 0.99)]:F1} | {times.Average() / baseline:F2} |");
            }

            return report.ToString();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>Up to <paramref name="count"/> person streams of the file, spread over it (every k-th in name order).</summary>
    private static async Task<List<string>> PersonStreamsAsync(string path, int count, CancellationToken cancellationToken)
    {
        var all = new List<string>();
        await using (var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT stream FROM journal WHERE stream LIKE 'person:%' ORDER BY stream";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                all.Add(reader.GetString(0));
            }
        }

        var step = Math.Max(1, all.Count / count);
        return [.. all.Where((_, i) => i % step == 0).Take(count)];
    }
}
