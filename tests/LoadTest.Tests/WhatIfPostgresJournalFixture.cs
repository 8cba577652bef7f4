using System.Globalization;
using Medisettle.LoadTest.Targets;
using Npgsql;

namespace Medisettle.LoadTest.Tests;

/// <summary>The what-if journal in a PostgreSQL database (a local PostgreSQL 15 from <see cref="PostgresServerFixture"/>).</summary>
public sealed class WhatIfPostgresJournalFixture : WhatIfJournalFixture
{
    private readonly PostgresServerFixture _postgres = new();
    private string? _connectionString;

    public override string? Db => null;

    public override string? Pg => _connectionString ?? throw new InvalidOperationException("The PostgreSQL journal has not been made.");

    public PostgresServerFixture Postgres => _postgres;

    protected override async Task StartAsync()
    {
        await _postgres.InitializeAsync();
        _connectionString = await _postgres.Server.CreateDatabaseAsync("whatif_journal");
        await WhatIfJournalMaker.MakeAsync(new InProcessOptions
        {
            Storage = StorageKind.Postgres,
            ConnectionString = _connectionString,
            DatabasePath = Path.Combine(Directory, "unused.db"),
            PersonCount = 2,
            InstitutionCount = 4,
        });
    }

    public override async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        await base.DisposeAsync();
    }

    public override async Task<string> ReadLiveStateAsync()
    {
        await using var connection = new NpgsqlConnection(Pg + ";Pooling=false");
        await connection.OpenAsync();
        await using var head = new NpgsqlCommand("SELECT COALESCE(MAX(sequence), 0) || '/' || count(*) FROM journal", connection);
        var journal = (string)(await head.ExecuteScalarAsync())!;
        await using var rows = new NpgsqlCommand("SELECT grain_key, version, payload FROM grain_state WHERE grain_type LIKE '%person%' ORDER BY grain_key", connection);
        var persons = new List<string>();
        await using var reader = await rows.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            persons.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)}@{reader.GetInt64(1)}:{Digest((byte[])reader.GetValue(2))}"));
        }

        return $"journal {journal}; {persons.Count} persons {string.Join(",", persons)}";
    }
}
