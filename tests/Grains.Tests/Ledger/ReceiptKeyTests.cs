using Medisettle.Grains.Ledger;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// Receipt entry ids: a platform-form msgid is keyed time first, any other keeps the legacy form, and a journal written
/// with legacy keys still answers a retry with its first answer instead of settling it again.
/// </summary>
public sealed class ReceiptKeyTests
{
    [Theory]
    [InlineData("H11010100001", "H11010100001202503041000000001", "msgt:202503041000000001:H11010100001")]
    [InlineData("P99000100055", "P99000100055202611300639120001", "msgt:202611300639120001:P99000100055")]
    [InlineData("H11010100001", "H1101010000120250304100000000", "msg:H11010100001:H1101010000120250304100000000")] // 17 digits
    [InlineData("H11010100001", "H110101000012025030410000000a", "msg:H11010100001:H110101000012025030410000000a")] // not all digits
    [InlineData("H11010100001", "H11010100002202503041000000001", "msg:H11010100001:H11010100002202503041000000001")] // another code
    [InlineData("H11010100001", "M1", "msg:H11010100001:M1")]
    [InlineData("", "202503041000000001", "msg::202503041000000001")]
    public void A_platform_form_msgid_is_keyed_time_first_and_any_other_keeps_the_legacy_key(string institution, string messageId, string expected)
    {
        Assert.Equal(expected, LedgerNames.ReceiptEntry(institution, messageId));
        Assert.Equal($"msg:{institution}:{messageId}", LedgerNames.LegacyReceiptEntry(institution, messageId));
    }

    [Fact]
    public void Receipts_of_the_same_second_sort_by_time_then_sequence_whatever_the_institution()
    {
        var keys = new[]
        {
            LedgerNames.ReceiptEntry("Z99", "Z99202503041000000002"),
            LedgerNames.ReceiptEntry("A11", "A11202503041000010001"),
            LedgerNames.ReceiptEntry("A11", "A11202503041000000001"),
            LedgerNames.ReceiptEntry("M55", "M55202503041000000001"),
        };

        Assert.Equal(
            ["msgt:202503041000000001:A11", "msgt:202503041000000001:M55", "msgt:202503041000000002:Z99", "msgt:202503041000010001:A11"],
            keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Distinct_messages_never_share_a_receipt_key()
    {
        // Pairs chosen so that the two forms would meet if they shared a prefix: an 18-digit institution code whose
        // legacy key reads like another institution's time-first key.
        var messages = new (string Institution, string MessageId)[]
        {
            ("H1", "H1202503041000000001"),
            ("202503041000000001", "H1"),
            ("H1", "202503041000000001"),
            ("H12", "H12202503041000000001"),
            ("H", "H1202503041000000001"),
            ("H1202503041000000001", "x"),
        };

        var keys = messages.Select(m => LedgerNames.ReceiptEntry(m.Institution, m.MessageId)).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_new_journal_writes_time_ordered_receipts_and_looks_for_no_legacy_ones()
    {
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("R1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var messageId = PlatformMsgid(world.PharmacyCode, 1);

        var settled = await person.SettleAsync(world.Pharmacy(messageId, 10m));

        Assert.Equal(SettlementStatus.Settled, settled.Status);
        Assert.Equal(
            [LedgerNames.TimeOrderedReceiptPrefix + "20260302090000" + "0001:" + world.PharmacyCode],
            await ReceiptIdsAsync(world.DatabasePath));
        Assert.Empty(await ReceiptRowIdsAsync(world.DatabasePath)); // found by id only: no row of the msg stream
        Assert.False(await world.Services.GetRequiredService<ReceiptKeys>().LegacyReceiptsMayExistAsync());
    }

    /// <summary>
    /// A receipt an earlier version wrote as a row of the msg stream, under the time-first key (the tenth sitting's
    /// versions) or under the legacy key (versions before the time-first key): the retry gets its first answer, the
    /// msgid reused for another request a conflict, and nothing is applied twice.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_receipt_written_as_a_journal_row_before_refuses_its_msgid_and_answers_its_retry(bool legacyKey)
    {
        // One remembered answer per person, so the retries below are answered from the journal, not from the person's cache.
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.RecentMessagesMax = 1);
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("R2", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var first = world.Pharmacy(PlatformMsgid(world.PharmacyCode, 1), 10m);
        var settled = await person.SettleAsync(first);
        Assert.Equal(SettlementStatus.Settled, (await person.SettleAsync(world.Pharmacy(PlatformMsgid(world.PharmacyCode, 2), 20m))).Status);
        var key = LedgerNames.ReceiptEntry(world.PharmacyCode, first.MessageId);
        var rowId = legacyKey ? LedgerNames.LegacyReceiptEntry(world.PharmacyCode, first.MessageId) : key;
        await MoveReceiptToJournalRowAsync(world.DatabasePath, key, rowId);
        await world.RestartAsync();

        var retry = await world.Person("R2").SettleAsync(first);
        var reused = await world.Person("R2").SettleAsync(world.Pharmacy(first.MessageId, 30m));

        Assert.Equal(legacyKey, await world.Services.GetRequiredService<ReceiptKeys>().LegacyReceiptsMayExistAsync());
        Assert.Equal((SettlementStatus.Settled, settled.SettlementId), (retry.Status, retry.SettlementId));
        Assert.Equal((SettlementStatus.Rejected, RejectionCode.MessageIdConflict), (reused.Status, reused.Rejection?.Code));
        var snapshot = await world.Person("R2").GetSnapshotAsync();
        Assert.Equal((Money.FromYuan(470m), 2), (snapshot!.AccountBalance, snapshot.ActiveSettlements.Count));
        Assert.Equal([rowId], await ReceiptRowIdsAsync(world.DatabasePath));
        Assert.Equal(2, (await ReceiptIdsAsync(world.DatabasePath)).Count);
    }

    /// <summary>The platform's msgid: the institution's code, 2026-03-02 09:00:00 and a 4-digit sequence.</summary>
    private static string PlatformMsgid(string institution, int sequence) => $"{institution}20260302090000{sequence:D4}";

    /// <summary>Every receipt's id: those found by id only (the journal's keyed table), then those written as rows of the msg stream.</summary>
    private static Task<List<string>> ReceiptIdsAsync(string databasePath) =>
        IdsAsync(databasePath, "SELECT entry_id FROM journal_key UNION ALL SELECT entry_id FROM journal WHERE stream = 'msg'");

    /// <summary>The ids of receipts written as rows of the msg stream (as versions before the keyed table wrote them).</summary>
    private static Task<List<string>> ReceiptRowIdsAsync(string databasePath) =>
        IdsAsync(databasePath, "SELECT entry_id FROM journal WHERE stream = 'msg' ORDER BY sequence");

    private static async Task<List<string>> IdsAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Turns a receipt found by id only into a row of the msg stream under <paramref name="rowId"/>, as earlier versions wrote receipts.</summary>
    private static async Task MoveReceiptToJournalRowAsync(string databasePath, string entryId, string rowId)
    {
        await Jobs.JournalRows.ExecuteAsync(databasePath,
            "INSERT INTO journal (stream, entry_id, payload, created_at) SELECT 'msg', $new, payload, created_at FROM journal_key WHERE entry_id = $old",
            ("$new", rowId), ("$old", entryId));
        await Jobs.JournalRows.ExecuteAsync(databasePath, "DELETE FROM journal_key WHERE entry_id = $old", ("$old", entryId));
    }
}
