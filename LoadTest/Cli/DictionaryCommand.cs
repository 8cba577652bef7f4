using System.CommandLine;
using System.Globalization;
using Medisettle.Storage.Compression;
using Microsoft.Data.Sqlite;
using ZstdSharp;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>dictionary</c>: trains a zstd dictionary for <see cref="PayloadCodec"/> on the journal payloads and grain states of
/// one or more SQLite data files (compressed ones are read back first). Each file gives an equal share of the samples
/// (one file per kind of traffic, e.g. an in-process run and an HTTP run); within a file, journal rows and grain states
/// are sampled in the proportion of their bytes, taking every n-th journal row so that each kind of entry is sampled as
/// often as it is written. How the shipped dictionaries were made is in docs/architecture.md, "Compressed payloads";
/// a new dictionary gets a new number there and in the codec.
/// </summary>
internal static class DictionaryCommand
{
    public static Command Create()
    {
        var database = new Option<string[]>("--db")
        {
            Description = "SQLite data file to sample (opened read-only); repeat it for several files, each giving an equal share",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "Dictionary file to write", Required = true };
        var size = new Option<int>("--size") { Description = "Dictionary bytes", DefaultValueFactory = _ => 32 * 1024 };
        var samples = new Option<int>("--samples") { Description = "Payloads sampled (journal and grain state)", DefaultValueFactory = _ => 20_000 };
        var command = new Command("dictionary", "Trains the zstd dictionary of the payload codec on SQLite data files' journal payloads and grain states.");
        foreach (var option in new Option[] { database, output, size, samples })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var paths = result.GetValue(database)!;
            var (bytes, count) = (result.GetValue(size), result.GetValue(samples));
            if (paths.Length == 0 || !paths.All(File.Exists) || bytes is < 1024 or > 1024 * 1024 || count is < 100 or > 1_000_000)
            {
                await Console.Error.WriteLineAsync("dictionary: each --db must be an existing file, --size 1,024 to 1,048,576 bytes, --samples 100 to 1,000,000.");
                return 2;
            }

            var payloads = new List<byte[]>(count);
            foreach (var path in paths)
            {
                var sampled = await SampleAsync(path, count / paths.Length, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dictionary: {sampled.Count:N0} payloads from {path}"));
                payloads.AddRange(sampled);
            }

            if (payloads.Count < 100)
            {
                await Console.Error.WriteLineAsync($"dictionary: {string.Join(", ", paths)} gave {payloads.Count} payloads; at least 100 are needed.");
                return 1;
            }

            var dictionary = DictBuilder.TrainFromBuffer(payloads, bytes);
            await File.WriteAllBytesAsync(result.GetValue(output)!, dictionary, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dictionary: {dictionary.Length:N0} bytes from {payloads.Count:N0} payloads ({payloads.Average(p => p.Length):F0} bytes on average) -> {result.GetValue(output)}"));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Every n-th journal row and every m-th grain state (in key order), in the proportion of their bytes in the file, about
    /// <paramref name="count"/> in all; the same file gives the same samples, so the same dictionary.
    /// </summary>
    private static async Task<List<byte[]>> SampleAsync(string path, int count, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        var (journalRows, journalBytes) = await CountAsync(connection, "SELECT COUNT(*), COALESCE(SUM(length(payload)), 0) FROM journal", cancellationToken);
        var (states, stateBytes) = await CountAsync(connection, "SELECT COUNT(*), COALESCE(SUM(length(payload)), 0) FROM grain_state WHERE payload IS NOT NULL", cancellationToken);
        var fromJournal = (int)Math.Round(count * (double)journalBytes / Math.Max(1, journalBytes + stateBytes));
        var payloads = new List<byte[]>(count);
        await ReadAsync(
            "SELECT entry_id, payload FROM (SELECT entry_id, payload, ROW_NUMBER() OVER (ORDER BY sequence) AS n FROM journal) WHERE n % @step = 0 LIMIT @take",
            Math.Max(1, journalRows / Math.Max(1, fromJournal)), fromJournal);
        await ReadAsync(
            "SELECT grain_type || '/' || grain_key, payload FROM (SELECT grain_type, grain_key, payload, ROW_NUMBER() OVER (ORDER BY grain_type, grain_key, state_name) AS n " +
            "FROM grain_state WHERE payload IS NOT NULL) WHERE n % @step = 0 LIMIT @take",
            Math.Max(1, states / Math.Max(1, count - fromJournal)), count - fromJournal);
        return payloads;

        async Task ReadAsync(string sql, long step, int take)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("@step", step);
            command.Parameters.AddWithValue("@take", take);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                payloads.Add(PayloadCodec.Decode(reader.GetFieldValue<byte[]>(1), "Row", reader.GetString(0)).ToArray());
            }
        }
    }

    private static async Task<(long Rows, long Bytes)> CountAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
