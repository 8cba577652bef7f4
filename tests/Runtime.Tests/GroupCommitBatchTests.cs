using Medisettle.Runtime.Hosting;
using Medisettle.Runtime.Journal;
using Medisettle.Runtime.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Medisettle.Runtime.Tests;

/// <summary>A group-commit batch in which some writes are refused: only those fail, the rest commit (optimistic path falls back to savepoints).</summary>
public sealed class GroupCommitBatchTests
{
    [Fact]
    public async Task Refused_writes_fail_alone_and_the_rest_of_their_batch_commits()
    {
        var directory = Directory.CreateTempSubdirectory("groupcommit-");
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSilo().UseSqliteStorage(o =>
            {
                o.DatabasePath = Path.Combine(directory.FullName, "batch.db");
                o.GroupCommitWindow = TimeSpan.FromMilliseconds(200); // gather all four writes into one transaction
            });
            using var host = builder.Build();
            await host.StartAsync();
            var storage = host.Services.GetRequiredService<IGrainStorage>();
            var journal = host.Services.GetRequiredService<IJournal>();
            var before = storage.Statistics.TransactionsCommitted;

            var first = storage.WriteAsync(Write("a", 0, new JournalAppend("s", "e1", "{}")));
            var duplicate = storage.WriteAsync(Write("b", 0, new JournalAppend("s", "e1", "{}")));
            var conflict = storage.WriteAsync(Write("c", 5));
            var last = storage.WriteAsync(Write("d", 0, new JournalAppend("s", "e2", "{}"), new JournalAppend("s", "e3", "{}")));

            Assert.Equal(1, await first);
            await Assert.ThrowsAsync<DuplicateJournalEntryException>(() => duplicate);
            await Assert.ThrowsAsync<StorageConflictException>(() => conflict);
            Assert.Equal(1, await last);
            Assert.Equal(before + 1, storage.Statistics.TransactionsCommitted);
            Assert.Equal(["e1", "e2", "e3"], (await journal.ReadAsync("s", 0, 10)).Select(e => e.EntryId));
            Assert.Equal(0, (await storage.ReadAsync(new GrainId("T", "b"), "s")).Version);
            await host.StopAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static GrainStateWrite Write(string key, long expectedVersion, params JournalAppend[] appends) =>
        new(new GrainId("T", key), "s", 0, expectedVersion, "{\"v\":1}", appends);
}
