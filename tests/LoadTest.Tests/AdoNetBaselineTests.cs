using Medisettle.LoadTest.Arrivals;
using Medisettle.LoadTest.Baseline;
using Medisettle.LoadTest.Hosting;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;
using Medisettle.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Storage;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>
/// The AdoNet baseline of <c>bench</c>: <see cref="AdoNetJournaledState{TState}"/> (journal appends in a transaction of their
/// own, then the state through Orleans' AdoNet storage) and the full settlement path on it.
/// </summary>
public sealed class AdoNetBaselineTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private static readonly GrainId Person = GrainId.Create("person", "p-1");

    [Fact]
    public async Task Journaled_write_appends_its_journal_rows_and_stores_the_state_in_orleans_adonet_storage()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("baseline_write");
        using var host = await StartAsync(connectionString);
        var state = NewState(host);
        await state.ReadStateAsync();

        state.State.Count = 1;
        await state.WriteStateAsync([new("person:p-1", "setl:1", "{\"n\":1}"), new("post:fund-a", "post:1:1", "{\"fen\":100}")]);

        var journal = host.Services.GetRequiredService<IJournal>();
        var entries = await journal.ReadAllAsync(0, 10);
        Assert.Equal(["setl:1", "post:1:1"], entries.Select(e => e.EntryId));
        Assert.Equal(["person:p-1", "post:fund-a"], entries.Select(e => e.Stream));
        Assert.Equal("{\"fen\":100}", entries[1].Payload);
        Assert.True(entries[0].Sequence < entries[1].Sequence);
        var reread = NewState(host);
        await reread.ReadStateAsync();
        Assert.True(reread.RecordExists);
        Assert.Equal(1, reread.State.Count);
        Assert.Equal(state.Etag, reread.Etag);
        Assert.Equal((1L, 1L), await CountRowsAsync(connectionString, "SELECT count(*), max(Version) FROM OrleansStorage"));
        Assert.Equal((0L, 0L), await CountRowsAsync(connectionString, "SELECT count(*), 0 FROM grain_state"));
        var writer = host.Services.GetRequiredService<PostgresJournalWriter>();
        Assert.Equal(1, writer.TransactionsCommitted);
        Assert.Equal(2, writer.RowsCommitted);
    }

    [Fact]
    public async Task A_duplicate_entry_id_refuses_the_whole_write_before_the_state_is_touched()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("baseline_duplicate");
        using var host = await StartAsync(connectionString);
        var state = NewState(host);
        await state.ReadStateAsync();
        state.State.Count = 1;
        await state.WriteStateAsync([new("person:p-1", "setl:1", "{}")]);
        var etag = state.Etag;

        state.State.Count = 2;
        var refused = await Assert.ThrowsAsync<DuplicateJournalEntryException>(
            () => state.WriteStateAsync([new("person:p-1", "setl:2", "{}"), new("person:p-1", "setl:1", "{}")]));

        Assert.Equal("setl:1", refused.EntryId);
        var journal = host.Services.GetRequiredService<IJournal>();
        Assert.Equal(["setl:1"], (await journal.ReadAllAsync(0, 10)).Select(e => e.EntryId));
        Assert.Null(await journal.FindAsync("setl:2"));
        var reread = NewState(host);
        await reread.ReadStateAsync();
        Assert.Equal(1, reread.State.Count);
        Assert.Equal(etag, reread.Etag);
        Assert.Equal(etag, state.Etag);
        Assert.Equal(1, host.Services.GetRequiredService<PostgresJournalWriter>().DuplicatesRefused);
    }

    [Fact]
    public async Task An_entry_id_twice_in_one_write_refuses_the_write()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("baseline_twice");
        using var host = await StartAsync(connectionString);
        var writer = host.Services.GetRequiredService<PostgresJournalWriter>();

        var refused = await Assert.ThrowsAsync<DuplicateJournalEntryException>(
            () => writer.AppendAsync([new("s", "e:1", "{}"), new("s", "e:2", "{}"), new("s", "e:1", "{}")]));

        Assert.Equal("e:1", refused.EntryId);
        Assert.Empty(await host.Services.GetRequiredService<IJournal>().ReadAllAsync(0, 10));
        Assert.Equal(0, writer.TransactionsCommitted);
    }

    [Fact]
    public async Task A_small_settlement_run_on_the_adonet_baseline_keeps_grain_state_in_orleans_storage_and_passes_the_audit()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("baseline_run");
        var directory = Directory.CreateTempSubdirectory("loadtest-adonet-");
        try
        {
            var options = new InProcessOptions
            {
                Storage = StorageKind.AdoNetPostgres,
                ConnectionString = connectionString,
                DatabasePath = Path.Combine(directory.FullName, "unused.db"),
                PersonCount = 300,
                InstitutionCount = 50,
            };
            RunAudit audit;
            IReadOnlyDictionary<string, long> byStatus;
            await using (var target = await InProcessTarget.StartAsync(options, TextWriter.Null, CancellationToken.None))
            {
                var report = await RunSession.RunAsync("tiny-adonet", target, RunSession.Population(300, 50), ArrivalSchedule.Constant(400, TimeSpan.FromSeconds(0.5)),
                    400, new RunOptions { Seed = 11, Progress = false, WarmUpSeconds = 0 }, TextWriter.Null, CancellationToken.None);
                Assert.Equal(200, report.Offered);
                Assert.Equal(200, report.Completed);
                Assert.Equal(0, report.Errors);
                Assert.Null(report.Storage); // no group-commit storage holds grain state
                audit = report.Audit!;
                byStatus = report.ByStatus;
            }

            Assert.True(audit.Passed, string.Join("; ", audit.Violations));
            Assert.True(audit.Settlements > 0);
            Assert.True(audit.Postings > 0);
            Assert.Equal(byStatus["Settled"], audit.Settlements);
            var (orleansRows, _) = await CountRowsAsync(connectionString, "SELECT count(*), 0 FROM OrleansStorage WHERE GrainTypeString LIKE '%person%'");
            Assert.True(orleansRows >= 300, $"{orleansRows} person states in OrleansStorage, want every enrolled person's (300)");
            Assert.Equal((0L, 0L), await CountRowsAsync(connectionString, "SELECT count(*), 0 FROM grain_state"));
            var (journalRows, _) = await CountRowsAsync(connectionString, "SELECT count(*), 0 FROM journal WHERE entry_id LIKE 'setl:%' OR (entry_id LIKE 'msgt:%' AND stream LIKE 'person:%')");
            Assert.Equal(audit.Settlements, journalRows);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<IHost> StartAsync(string connectionString)
    {
        var options = new InProcessOptions { Storage = StorageKind.AdoNetPostgres, ConnectionString = connectionString };
        await CoHostedSilo.PrepareStorageAsync(options, CancellationToken.None);
        var host = CoHostedSilo.CreateBuilder(TimeSpan.FromHours(1), silo => silo.AddLoadTestStorage(options)).Build();
        await host.StartAsync();
        return host;
    }

    private static AdoNetJournaledState<CounterState> NewState(IHost host) => new(
        "counter", Person, host.Services.GetRequiredKeyedService<IGrainStorage>("Default"), host.Services.GetRequiredService<PostgresJournalWriter>());

    private static async Task<(long Count, long Other)> CountRowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), await reader.IsDBNullAsync(1) ? 0 : Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A state small enough to see in a test.</summary>
    public sealed class CounterState
    {
        public int Count { get; set; }
    }
}
