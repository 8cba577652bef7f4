using Microsoft.Data.Sqlite;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>Direct access to a test cluster's SQLite file, for tests that plant what an older version or a fault left there.</summary>
internal static class SqliteFile
{
    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameters"/> and checks that it changed exactly one row.</summary>
    public static async Task UpdateOneRowAsync(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
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
