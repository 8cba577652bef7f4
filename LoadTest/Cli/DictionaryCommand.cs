using System.CommandLine;
using System.Globalization;
using Medisettle.Storage.Compression;
using Microsoft.Data.Sqlite;
using ZstdSharp;

namespace Medisettle.LoadTest.Cli;

/// <summary>
/// <c>dictionary</c>: trains a zstd dictionary for <see cref="JournalPayloadCodec"/> on the journal payloads of a SQLite
/// data file (compressed ones are read back first), taking every n-th row so that each kind of entry is sampled as often
/// as it is written. How the shipped <c>Storage/Compression/journal-payloads-1.zdict</c> was made is in
/// docs/architecture.md, "Compressed journal payloads"; a new dictionary gets a new number there and in the codec.
/// </summary>
internal static class DictionaryCommand
{
    public static Command Create()
    {
        var database = new Option<string>("--db") { Description = "SQLite data file whose journal to sample (opened read-only)", Required = true };
        var output = new Option<string>("--out") { Description = "Dictionary file to write", Required = true };
        var size = new Option<int>("--size") { Description = "Dictionary bytes", DefaultValueFactory = _ => 32 * 1024 };
        var samples = new Option<int>("--samples") { Description = "Journal payloads sampled", DefaultValueFactory = _ => 20_000 };
        var command = new Command("dictionary", "Trains the zstd dictionary of the journal payload codec on a SQLite journal's payloads.");
        foreach (var option in new Option[] { database, output, size, samples })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(database)!;
            var (bytes, count) = (result.GetValue(size), result.GetValue(samples));
            if (!File.Exists(path) || bytes is < 1024 or > 1024 * 1024 || count is < 100 or > 1_000_000)
            {
                await Console.Error.WriteLineAsync("dictionary: --db must be an existing file, --size 1,024 to 1,048,576 bytes, --samples 100 to 1,000,000.");
                return 2;
            }

            var payloads = await SampleAsync(path, count, cancellationToken);
            if (payloads.Count < 100)
            {
                await Console.Error.WriteLineAsync($"dictionary: {path} has {payloads.Count} journal payloads; at least 100 are needed.");
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

    private static async Task<List<byte[]>> SampleAsync(string path, int count, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT entry_id, payload FROM journal WHERE sequence % MAX(1, (SELECT COUNT(*) FROM journal) / @count) = 0 ORDER BY sequence LIMIT @count";
        command.Parameters.AddWithValue("@count", count);
        var payloads = new List<byte[]>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            payloads.Add(JournalPayloadCodec.Decode(reader.GetFieldValue<byte[]>(1), reader.GetString(0)).ToArray());
        }

        return payloads;
    }
}
