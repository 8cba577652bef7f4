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

    [Theory]
    [InlineData("H11010100001", "H11010100001202503041000000001", "M2503041000000001H11010100001")]
    [InlineData("P99000100055", "P99000100055202611300639129999", "M2611300639129999P99000100055")]
    [InlineData("H110101000013", "H110101000013202503041000000001", "M2503041000000001H110101000013")] // 30 characters
    [InlineData("H1101010000134", "H1101010000134202503041000000001", null)] // 31: longer than the platform's setl_id
    [InlineData("H11010100001", "H11010100001192503041000000001", null)] // not 20xx
    [InlineData("H11010100001", "H1101010000120250304100000000", null)] // not the platform's form
    [InlineData("H11010100001", "H11010100002202503041000000001", null)] // another institution's code
    public void A_settlement_of_a_platform_form_msgid_takes_an_id_made_from_it_whose_record_is_keyed_by_the_message(
        string institution, string messageId, string? expected)
    {
        var settlementId = LedgerNames.SettlementIdOf(institution, messageId);

        Assert.Equal(expected, settlementId);
        if (settlementId is not null)
        {
            Assert.True(settlementId.Length <= LedgerNames.SettlementIdLengthMax);
            Assert.Equal(LedgerNames.ReceiptEntry(institution, messageId), LedgerNames.SettlementEntry(settlementId));
        }
    }

    [Fact]
    public void Distinct_messages_never_share_a_settlement_id_and_each_id_names_its_message_key()
    {
        // Institution codes that are prefixes of one another, and tails whose digits run into the codes, so that a
        // careless encoding would make two messages meet.
        var random = new Random(12);
        var codes = new[] { "H", "H1", "H12", "H120", "H1202", "P99000100055", "P990001000551", "2", "20", "M2" };
        var ids = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (var i = 0; i < 20_000; i++)
        {
            var code = codes[random.Next(codes.Length)];
            var tail = (random.Next(3) == 0 ? "19" : "20") + string.Concat(Enumerable.Range(0, 16).Select(_ => (char)('0' + random.Next(random.Next(2) == 0 ? 3 : 10))));
            var settlementId = LedgerNames.SettlementIdOf(code, code + tail);
            if (settlementId is null)
            {
                Assert.StartsWith("19", tail, StringComparison.Ordinal); // every code here fits; only other centuries have none
                continue;
            }

            Assert.True(settlementId.Length <= LedgerNames.SettlementIdLengthMax, settlementId);
            Assert.True(LedgerNames.IsMadeFromMessage(settlementId));
            Assert.Equal(LedgerNames.ReceiptEntry(code, code + tail), LedgerNames.SettlementEntry(settlementId));
            if (ids.TryGetValue(settlementId, out var seen))
            {
                Assert.Equal(seen, (code, code + tail)); // the same message again, not another
            }

            ids[settlementId] = (code, code + tail);
        }

        Assert.InRange(ids.Count, 10_000, 20_000);
    }

    [Theory]
    [InlineData("S2026113001c20e76fb37bb96a23c3", "setl:S2026113001c20e76fb37bb96a23c3")] // a random id
    [InlineData("S20261130012345678901234567890", "setl:S20261130012345678901234567890")] // a random id of decimal digits only
    [InlineData("M2503041000000001", "setl:M2503041000000001")] // no institution
    [InlineData("M250304100000000xH1", "setl:M250304100000000xH1")]
    [InlineData("M2503041000000001H1", "msgt:202503041000000001:H1")]
    public void Only_an_id_made_from_a_message_names_the_message_key(string settlementId, string expected) =>
        Assert.Equal(expected, LedgerNames.SettlementEntry(settlementId));

    [Fact]
    public void A_random_settlement_id_is_never_taken_for_one_made_from_a_message()
    {
        var now = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10_000; i++)
        {
            var settlementId = Persons.PersonGrain.NewSettlementId(now.AddMilliseconds(i * 997));
            Assert.False(LedgerNames.IsMadeFromMessage(settlementId), settlementId);
            Assert.Equal("setl:" + settlementId, LedgerNames.SettlementEntry(settlementId));
        }
    }

    [Fact]
    public async Task A_new_journal_keys_a_settlement_record_by_its_message_and_writes_no_receipt()
    {
        await using var cluster = await SettlementCluster.StartAsync();
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("R1", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var messageId = PlatformMsgid(world.PharmacyCode, 1);

        var command = world.Pharmacy(messageId, 10m);
        var settled = await person.SettleAsync(command);

        Assert.Equal((SettlementStatus.Settled, "M2603020900000001" + world.PharmacyCode), (settled.Status, settled.SettlementId));
        var key = LedgerNames.TimeOrderedReceiptPrefix + "20260302090000" + "0001:" + world.PharmacyCode;
        Assert.Equal([key], await IdsAsync(world.DatabasePath, "SELECT entry_id FROM journal WHERE stream LIKE 'person:%'"));
        Assert.Empty(await ReceiptIdsAsync(world.DatabasePath));
        Assert.False(await world.Services.GetRequiredService<ReceiptKeys>().LegacyReceiptsMayExistAsync());

        // The person remembers the answer by its key and status alone; a retry reads the rest from the record, before and
        // after the person's row is written (a graceful restart checkpoints it).
        var cached = await person.SettleAsync(command);
        await world.RestartAsync();
        var afterRestart = await world.Person("R1").SettleAsync(command);
        var row = System.Text.Json.Nodes.JsonNode.Parse(await Jobs.JournalRows.ReadStatePayloadAsync(world.DatabasePath, "person", world.Id("R1")))!;
        Assert.Equal(
            $"[{{\"key\":\"{world.PharmacyCode}:{messageId}\",\"status\":\"Settled\"}}]",
            row["recentMessages"]!.ToJsonString());
        foreach (var retry in new[] { cached, afterRestart })
        {
            Assert.Equal(
                (SettlementStatus.Settled, settled.SettlementId, settled.AnsweredAt, settled.Breakdown!.AccountPaid),
                (retry.Status, retry.SettlementId, retry.AnsweredAt, retry.Breakdown!.AccountPaid));
        }

        Assert.Equal(Money.FromYuan(490m), (await world.Person("R1").GetSnapshotAsync())!.AccountBalance);
    }

    [Fact]
    public async Task A_record_keyed_by_its_message_answers_a_retry_the_cache_forgot_with_its_first_answer_and_refuses_other_requests()
    {
        // One remembered answer per person, so the retry below is answered from the journal, not from the person's cache.
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.RecentMessagesMax = 1);
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("R3", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var other = await world.EnrolAsync("R4", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var first = world.Pharmacy(PlatformMsgid(world.PharmacyCode, 1), 10m);
        var settled = await person.SettleAsync(first);
        Assert.Equal(SettlementStatus.Settled, (await person.SettleAsync(world.Pharmacy(PlatformMsgid(world.PharmacyCode, 2), 20m))).Status);

        var retry = await person.SettleAsync(first);
        var reused = await person.SettleAsync(world.Pharmacy(first.MessageId, 30m));
        var otherPerson = await other.SettleAsync(first);

        Assert.Equal(
            (SettlementStatus.Settled, settled.SettlementId, settled.AnsweredAt, settled.Breakdown!.AccountPaid),
            (retry.Status, retry.SettlementId, retry.AnsweredAt, retry.Breakdown!.AccountPaid));
        Assert.Equal((SettlementStatus.Rejected, RejectionCode.MessageIdConflict), (reused.Status, reused.Rejection?.Code));
        Assert.Equal((SettlementStatus.Rejected, RejectionCode.MessageIdConflict), (otherPerson.Status, otherPerson.Rejection?.Code));
        Assert.Equal(Money.FromYuan(470m), (await person.GetSnapshotAsync())!.AccountBalance);
        Assert.Equal(Money.FromYuan(500m), (await other.GetSnapshotAsync())!.AccountBalance);
    }

    /// <summary>Where an earlier version kept a settlement's receipt, beside a record keyed by a random settlement id.</summary>
    public enum EarlierReceipt
    {
        /// <summary>In the journal's keyed table under the time-first key (the eleventh sitting's versions).</summary>
        KeyedTable,

        /// <summary>A row of the msg stream under the time-first key (the eighth to tenth sittings' versions).</summary>
        TimeFirstRow,

        /// <summary>A row of the msg stream under the legacy key (versions before the time-first key).</summary>
        LegacyRow,
    }

    /// <summary>
    /// A settlement an earlier version wrote (a random id, its receipt beside it): a retry of its message now, which
    /// would take the id made from the msgid and so the message's key for its record, gets its first answer, the msgid
    /// reused for another request a conflict, and nothing is applied twice.
    /// </summary>
    [Theory]
    [InlineData(EarlierReceipt.KeyedTable)]
    [InlineData(EarlierReceipt.TimeFirstRow)]
    [InlineData(EarlierReceipt.LegacyRow)]
    public async Task A_settlement_an_earlier_version_wrote_with_a_receipt_refuses_its_msgid_and_answers_its_retry(EarlierReceipt earlier)
    {
        // One remembered answer per person, so the retries below are answered from the journal, not from the person's cache.
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.RecentMessagesMax = 1);
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("R2", Scheme.Employee, PersonCategory.Employed, accountYuan: 500m);
        var first = world.Pharmacy(PlatformMsgid(world.PharmacyCode, 1), 10m);
        Assert.Equal(SettlementStatus.Settled, (await person.SettleAsync(first)).Status);
        Assert.Equal(SettlementStatus.Settled, (await person.SettleAsync(world.Pharmacy(PlatformMsgid(world.PharmacyCode, 2), 20m))).Status);
        const string OldId = "S2026030200000000a0000000000001";
        var key = LedgerNames.ReceiptEntry(world.PharmacyCode, first.MessageId);
        var receiptId = earlier == EarlierReceipt.LegacyRow ? LedgerNames.LegacyReceiptEntry(world.PharmacyCode, first.MessageId) : key;
        await RewriteAsEarlierVersionAsync(world.DatabasePath, key, OldId, receiptId, inKeyedTable: earlier == EarlierReceipt.KeyedTable);
        await world.RestartAsync();

        var retry = await world.Person("R2").SettleAsync(first);
        var reused = await world.Person("R2").SettleAsync(world.Pharmacy(first.MessageId, 30m));

        Assert.Equal(earlier == EarlierReceipt.LegacyRow, await world.Services.GetRequiredService<ReceiptKeys>().LegacyReceiptsMayExistAsync());
        Assert.Equal((SettlementStatus.Settled, OldId), (retry.Status, retry.SettlementId));
        Assert.Equal((SettlementStatus.Rejected, RejectionCode.MessageIdConflict), (reused.Status, reused.Rejection?.Code));
        var snapshot = await world.Person("R2").GetSnapshotAsync();
        Assert.Equal((Money.FromYuan(470m), 2), (snapshot!.AccountBalance, snapshot.ActiveSettlements.Count));
        Assert.Equal([receiptId], await ReceiptIdsAsync(world.DatabasePath));
        Assert.Equal(
            ["setl:" + OldId, LedgerNames.ReceiptEntry(world.PharmacyCode, PlatformMsgid(world.PharmacyCode, 2))],
            await IdsAsync(world.DatabasePath, "SELECT entry_id FROM journal WHERE stream LIKE 'person:%' ORDER BY sequence"));
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

    /// <summary>
    /// Rewrites the settlement recorded under its message's key <paramref name="key"/> as an earlier version wrote it: the
    /// record under <c>setl:{settlementId}</c> without the request's digest, and a receipt holding that digest under
    /// <paramref name="receiptId"/>, in the journal's keyed table or as a row of the msg stream.
    /// </summary>
    private static async Task RewriteAsEarlierVersionAsync(string databasePath, string key, string settlementId, string receiptId, bool inKeyedTable)
    {
        var record = System.Text.Json.Nodes.JsonNode.Parse(await Jobs.JournalRows.ReadPayloadAsync(databasePath, key))!.AsObject();
        var digest = (string)record["requestDigest"]!;
        record.Remove("requestDigest");
        record["settlementId"] = settlementId;
        var receipt = new System.Text.Json.Nodes.JsonObject
        {
            ["isCancel"] = false,
            ["settlementId"] = settlementId,
            ["answeredAt"] = record["settledAt"]!.DeepClone(),
            ["personId"] = record["personId"]!.DeepClone(),
            ["requestDigest"] = digest,
        };
        await Jobs.JournalRows.ExecuteAsync(databasePath, "UPDATE journal SET entry_id = $new, payload = $payload WHERE entry_id = $old",
            ("$new", "setl:" + settlementId), ("$payload", record.ToJsonString()), ("$old", key));
        await Jobs.JournalRows.ExecuteAsync(databasePath,
            inKeyedTable
                ? "INSERT INTO journal_key (entry_id, payload, created_at) VALUES ($id, CAST($payload AS BLOB), 0)"
                : "INSERT INTO journal (stream, entry_id, payload, created_at) VALUES ('msg', $id, $payload, 0)",
            ("$id", receiptId), ("$payload", receipt.ToJsonString()));
    }
}
