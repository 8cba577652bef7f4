using System.Globalization;
using Medisettle.LoadTest.Targets;
using Microsoft.Data.Sqlite;

namespace Medisettle.LoadTest.Tests;

/// <summary>The what-if journal in a silo's SQLite file (the silo stopped: the file is settled).</summary>
public sealed class WhatIfSqliteJournalFixture : WhatIfJournalFixture
{
    public override string? Db => Path.Combine(Directory, "silo.db");

    public override string? Pg => null;

    protected override Task StartAsync() => WhatIfJournalMaker.MakeAsync(new InProcessOptions { Storage = StorageKind.Sqlite, DatabasePath = Db!, PersonCount = 2, InstitutionCount = 4 });

    public override async Task<string> ReadLiveStateAsync()
    {
        // A read-only open of a WAL database re-creates an empty -wal (no frames, no data) once the silo removed it at close.
        var files = string.Join(",", new[] { "", "-wal" }.Where(s => File.Exists(Db + s) && new FileInfo(Db + s).Length > 0).Select(s => s + ":" + Digest(File.ReadAllBytes(Db + s))));
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var head = connection.CreateCommand();
        head.CommandText = "SELECT COALESCE(MAX(sequence), 0) || '/' || count(*) FROM journal";
        var journal = (string)(await head.ExecuteScalarAsync())!;
        await using var rows = connection.CreateCommand();
        rows.CommandText = "SELECT grain_key, version, payload FROM grain_state WHERE grain_type LIKE '%person%' ORDER BY grain_key";
        var persons = new List<string>();
        await using var reader = await rows.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            persons.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)}@{reader.GetInt64(1)}:{Digest((byte[])reader.GetValue(2))}"));
        }

        return $"journal {journal}; {persons.Count} persons {string.Join(",", persons)}; files {files}";
    }
}
