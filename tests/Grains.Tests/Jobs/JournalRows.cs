using Medisettle.Storage.Compression;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Medisettle.Grains.Tests.Jobs;

/// <summary>Reads and tampers with rows of a test cluster's SQLite file (journal rows for the audit tests; rows an older version or a fault left).</summary>
internal static class JournalRows
{
    public static Task<string> ReadPayloadAsync(string database, string entryId) =>
        ReadJsonAsync(database, "SELECT payload FROM journal WHERE entry_id = @k", entryId, "Journal entry", "");

    /// <summary>The JSON of a grain's stored state row (<c>grain_state</c>, its first state of that grain type).</summary>
    public static Task<string> ReadStatePayloadAsync(string database, string grainType, string grainKey) =>
        ReadJsonAsync(database, "SELECT payload FROM grain_state WHERE grain_type = @t AND grain_key = @k", grainKey, grainType, grainType);

    /// <summary>The JSON of the payload <paramref name="sql"/> selects (parameters <c>@k</c>, the key, and <c>@t</c>, a grain type).</summary>
    private static async Task<string> ReadJsonAsync(string database, string sql, string key, string kind, string grainType)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@k", key);
        command.Parameters.AddWithValue("@t", grainType);
        // Stored compressed or as text: the JSON either way (a tampered payload is written back as text, which reads the same).
        var stored = await command.ExecuteScalarAsync() switch
        {
            byte[] bytes => bytes,
            string text => System.Text.Encoding.UTF8.GetBytes(text),
            var other => throw new InvalidOperationException($"{kind} {key}: no payload ({other})."),
        };
        return System.Text.Encoding.UTF8.GetString(PayloadCodec.Decode(stored, kind, key).Span);
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
