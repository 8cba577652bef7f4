using System.Net;
using System.Net.Sockets;
using Medisettle.Grains.PolicyPacks;
using Medisettle.LoadTest.Cli;
using Medisettle.LoadTest.WhatIf;
using Npgsql;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary><c>whatif --pg</c> on a cluster's PostgreSQL database: the same figures as the SQLite file, and its own failures.</summary>
public sealed class WhatIfPostgresJournalTests(WhatIfPostgresJournalFixture journal) : WhatIfJournalTests(journal), IClassFixture<WhatIfPostgresJournalFixture>
{
    private static readonly string PackInForce = Path.Combine(PolicyPackLoader.DefaultDirectory, WhatIfJournalMaker.EmployeePackFile);

    [Theory]
    [InlineData("CLOSED_PORT", "whatif: --pg: Failed to connect to 127.0.0.1:")]
    [InlineData("NO_DATABASE", "whatif: --pg: 3D000: database \"no_such_database\" does not exist")]
    [InlineData("Host=127.0.0.1;Colour=blue", "whatif: --pg is not a PostgreSQL connection string: ")]
    [InlineData(" ", "whatif: --pg is empty: give a PostgreSQL connection string.")]
    public async Task A_bad_connection_string_is_one_line_and_exit_code_1(string pg, string expectedStart)
    {
        pg = pg switch
        {
            "CLOSED_PORT" => $"Host=127.0.0.1;Port={ClosedLoopbackPort()};Username=postgres;Database=x;Timeout=5",
            "NO_DATABASE" => new NpgsqlConnectionStringBuilder(journal.Pg) { Database = "no_such_database" }.ConnectionString,
            _ => pg,
        };

        var (code, line) = await RunFailingAsync(null, pg);

        Assert.Equal(1, code);
        Assert.StartsWith(expectedStart, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BOTH", "whatif: --db and --pg are exclusive: give the SQLite file or the PostgreSQL connection string, not both.")]
    [InlineData("NEITHER", "whatif: --db 'data/silo.db' does not exist.")]
    public async Task Both_or_neither_of_db_and_pg_is_one_line_and_exit_code_1(string which, string expected)
    {
        var (code, line) = which == "BOTH" ? await RunFailingAsync(Path.Combine(journal.Directory, "silo.db"), journal.Pg) : await RunFailingAsync(null, null);

        Assert.Equal(1, code);
        Assert.Equal(expected, line);
    }

    [Fact]
    public async Task An_entry_still_in_flight_holds_the_replay_back_with_one_line_instead_of_being_skipped()
    {
        await using var writer = new NpgsqlConnection(journal.Pg + ";Pooling=false");
        await writer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await using (var inFlight = new NpgsqlCommand(
            "SELECT pg_current_xact_id(); INSERT INTO journal (stream, entry_id, payload, created_at) VALUES ('person:in-flight', 'test:in-flight', '{}', now())", writer, transaction))
        {
            await inFlight.ExecuteNonQueryAsync();
        }

        var (code, line) = await RunFailingAsync(null, journal.Pg);
        await transaction.RollbackAsync();

        Assert.Equal(1, code);
        Assert.Equal("whatif: --pg: the journal's safe point was not reached within 5 s (a transaction writing the journal is still open); try again.", line);
        Assert.Equal(journal.LiveStateAfterMaking, await journal.ReadLiveStateAsync());
    }

    [Fact]
    public async Task The_replay_session_is_read_only()
    {
        await using var connection = new NpgsqlConnection(PostgresJournalDatabase.ReadOnlyConnectionString(journal.Pg!));
        await connection.OpenAsync();
        await using var write = new NpgsqlCommand("DELETE FROM journal", connection);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
        Assert.Equal(journal.LiveStateAfterMaking, await journal.ReadLiveStateAsync());
    }

    private async Task<(int Code, string Line)> RunFailingAsync(string? db, string? pg)
    {
        var outDirectory = Path.Combine(journal.Directory, $"out-{Guid.NewGuid():N}");
        var error = new StringWriter();
        var code = await WhatIfCommand.RunAsync(db, pg, "2026-03-01", "2026-03-31", PackInForce, PolicyPackLoader.DefaultDirectory, outDirectory, 20, TextWriter.Null, error, CancellationToken.None);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDirectory));
        return (code, line.TrimEnd('\r'));
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
