using Medisettle.LoadTest.Disk;
using Npgsql;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>disk --pg</c> counts a PostgreSQL database's journal and grain states as <c>disk --db</c> counts a SQLite file.</summary>
public sealed class PostgresDiskUsageTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task A_database_is_counted_in_its_tables_bytes_per_durable_settlement_with_its_rows_by_kind()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("disk_usage");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("""
                CREATE TABLE journal (sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream text NOT NULL, entry_id text NOT NULL UNIQUE,
                  payload bytea NOT NULL, created_at timestamptz NOT NULL, also_stream text NULL);
                CREATE TABLE grain_state (grain_type text NOT NULL, grain_key text NOT NULL, state_name text NOT NULL, version bigint NOT NULL,
                  payload bytea NULL, updated_at timestamptz NOT NULL, PRIMARY KEY (grain_type, grain_key, state_name));
                CREATE TABLE journal_key (entry_id text PRIMARY KEY, payload bytea NOT NULL, created_at timestamptz NOT NULL);
                INSERT INTO journal_key VALUES ('msgt:3:H1', '\x000102030405', now());
                CREATE TABLE orleans_other (n int);
                INSERT INTO journal (stream, entry_id, payload, created_at, also_stream) VALUES
                  ('msg', 'msgt:1:H1', '\x00010203040506070809', now(), NULL), ('person:P1', 'setl:S1', convert_to('01234567890123456789', 'UTF8'), now(), 'post:inst:H1'),
                  ('msg', 'msgt:2:H1', '\x00010203040506070809', now(), NULL), ('person:P1', 'setl:S2', convert_to('01234567890123456789', 'UTF8'), now(), NULL),
                  ('person:P1', 'cancel:S1', '\x01020304', now(), NULL), ('flag:H1', 'flag:S2-PersonVelocity', '\x010203040506', now(), NULL);
                INSERT INTO grain_state VALUES ('person', 'P1', 'person', 3, '\x00112233', now()), ('visit', 'V1', 'visit', 1, '\x0011', now()), ('visit', 'V2', 'visit', 1, NULL, now());
                INSERT INTO orleans_other SELECT generate_series(1, 10000);
                """, connection);
            await create.ExecuteNonQueryAsync();
        }

        var usage = await DiskUsage.ReadPostgresAsync(connectionString, CancellationToken.None);

        long tables;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var size = new NpgsqlCommand(
                "SELECT pg_total_relation_size('journal') + pg_total_relation_size('grain_state') + pg_total_relation_size('journal_key')", connection);
            tables = (long)(await size.ExecuteScalarAsync())!;
        }

        Assert.True(usage.IsPostgres);
        Assert.Equal((2L, 1L, 3L), (usage.Settlements, usage.Cancels, usage.DurableSettlements));
        Assert.Equal(tables, usage.Bytes); // Orleans' and other tables in the database are not counted
        Assert.Equal(8192, usage.PageSize);
        Assert.Equal(usage.Bytes / 3.0, usage.BytesPerSettlement);
        Assert.Equal(
            [
                new DiskRowKind("settlement records", 2, (2 * (20 + 7 + 9)) + 12), // S1's second stream counts
                new DiskRowKind("message receipts", 2, 2 * (10 + 9 + 3)),
                new DiskRowKind("control-rule flags", 1, 6 + 22 + 7),
                new DiskRowKind("cancel records", 1, 4 + 9 + 9),
                new DiskRowKind(DiskUsage.KeyedKind, 1, 6 + 9),
            ],
            usage.JournalRows);
        Assert.Equal([new DiskStateKind("person", 1, 4), new DiskStateKind("visit", 2, 2)], usage.GrainStates);
        var text = usage.Describe("PostgreSQL database disk_usage");
        Assert.StartsWith($"PostgreSQL database disk_usage: {usage.Bytes:N0} bytes (the storage's tables with their indexes and TOAST, {usage.Pages:N0} blocks of 8,192)", text, StringComparison.Ordinal);
        Assert.Contains($"bytes per durable settlement: {usage.Bytes / 3.0:N0}", text, StringComparison.Ordinal);
    }
}
