using System.Text.Json.Nodes;
using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Ledger;
using Medisettle.Storage.Compression;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// <c>GET /admin/v1/funds</c> lists the fund pools the posting dispatcher delivered to (its cursor keeps the list), not a
/// read of the journal; a cursor stored before the list was kept gets it built once from the journal.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class FundAccountListTests(SqliteClusters clusters)
{
    [Fact]
    public async Task The_fund_list_is_every_fund_account_in_the_journal_and_a_cursor_without_it_is_indexed_once()
    {
        var world = await clusters.RestartableWorldAsync();
        var person = await world.EnrolAsync("P1");
        await person.SettleAsync(world.Inpatient("M1", 1_000m));
        await world.Dispatcher.DrainAsync();
        var listed = await world.Dispatcher.ListFundAccountsAsync();
        var inJournal = await FundAccountsInJournalAsync(world.DatabasePath);

        // A cursor as stored before the list was kept: its position only, one version on (the live activation cannot
        // overwrite it without reading it back).
        await using (var connection = await OpenAsync(world.DatabasePath))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'cursor' AND grain_key LIKE '%" + PostingDispatcherGrain.Key + "'";
            var stored = JsonNode.Parse(PayloadCodec.Decode((byte[])(await command.ExecuteScalarAsync())!, "State", PostingDispatcherGrain.Key).Span)!.AsObject();
            var position = stored.First(p => p.Key.Equals("position", StringComparison.OrdinalIgnoreCase)).Value!.GetValue<long>();
            command.CommandText = "UPDATE grain_state SET payload = $p, version = version + 1 WHERE state_name = 'cursor' AND grain_key LIKE '%" + PostingDispatcherGrain.Key + "'";
            command.Parameters.AddWithValue("$p", System.Text.Encoding.UTF8.GetBytes($$"""{"position":{{position}}}"""));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await world.RestartAsync();
        var rebuilt = await world.Dispatcher.ListFundAccountsAsync();

        Assert.Equal(inJournal, listed);
        Assert.Equal(inJournal, rebuilt);
        Assert.Contains(listed, a => a.EndsWith(":BasicPooled", StringComparison.Ordinal));
        Assert.DoesNotContain(listed, a => a.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal));
    }

    /// <summary>The fund accounts of every posting in the journal: posting rows' streams and the postings settlement records carry.</summary>
    private static async Task<List<string>> FundAccountsInJournalAsync(string path)
    {
        await using var connection = await OpenAsync(path);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, stream, entry_id, payload, created_at FROM journal ORDER BY sequence";
        var postings = new List<(string Account, AppliedPosting Posting)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            PostingFeed.Expand(JournalEntry.FromRow(reader), postings);
        }

        var accounts = postings.Select(p => p.Account).Where(a => !a.StartsWith(LedgerNames.InstitutionAccountPrefix, StringComparison.Ordinal));
        return accounts.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
