using Medisettle.Storage.Compression;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>Reads and tampers with rows of a test cluster's SQLite file (journal rows for the audit tests; rows an older version or a fault left).</summary>
internal static class JournalRows
{
    public static async Task<string> ReadPayloadAsync(string database, string entryId)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM journal WHERE entry_id = @e";
        command.Parameters.AddWithValue("@e", entryId);
        // Stored compressed or as text: the JSON either way (a tampered payload is written back as text, which reads the same).
        var stored = await command.ExecuteScalarAsync() switch
        {
            byte[] bytes => bytes,
            string text => System.Text.Encoding.UTF8.GetBytes(text),
            var other => throw new InvalidOperationException($"Entry {entryId}: no payload ({other})."),
        };
        return System.Text.Encoding.UTF8.GetString(PayloadCodec.Decode(stored, "Journal entry", entryId).Span);
    }

    /// <summary>Runs <paramref name="sql"/>, which must change exactly one row.</summary>
    public static async Task ExecuteAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
