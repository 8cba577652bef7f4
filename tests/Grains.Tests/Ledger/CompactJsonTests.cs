using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Persons;
using Medisettle.Grains.Tests.WhatIf;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Serialization;
using Xunit;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// Journal payloads and grain state are written compactly (nulls left out, Chinese as UTF-8) and read back to the same
/// values; payloads written in the earlier shape (nulls written, every non-ASCII character escaped) still read.
/// </summary>
public sealed class CompactJsonTests
{
    /// <summary>The shape written before: web defaults, enums as names, nulls written, non-ASCII escaped.</summary>
    private static readonly JsonSerializerOptions Earlier = CreateEarlier();

    [Fact]
    public void A_settlement_record_is_written_without_nulls_and_with_its_chinese_trace_as_utf8()
    {
        var record = InpatientRecord();

        var json = LedgerJson.Serialize(record);

        Assert.DoesNotContain(":null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.Contains(record.Breakdown.Trace.First(line => line.Any(c => c > 127)), json, StringComparison.Ordinal);
        Assert.Equal(json, LedgerJson.Serialize(LedgerJson.Deserialize<SettlementRecord>(json)));
    }

    [Fact]
    public void The_reused_buffer_holds_exactly_the_bytes_of_the_array_form_and_is_overwritten_by_the_next_call()
    {
        var record = InpatientRecord();
        var expected = LedgerJson.SerializeToUtf8(record);

        Assert.Equal(expected, LedgerJson.SerializeToReusedBuffer(record).ToArray());
        var receipt = new MessageReceipt { IsCancel = true, SettlementId = "S1", AnsweredAt = DateTimeOffset.UnixEpoch, PersonId = "P1" };
        Assert.Equal(LedgerJson.SerializeToUtf8(receipt), LedgerJson.SerializeToReusedBuffer(receipt).ToArray()); // a shorter one after
        Assert.Equal(expected, LedgerJson.SerializeToReusedBuffer(record).ToArray());

        var append = new Storage.Journal.JournalAppend("person/P1", "settlement/S1", LedgerJson.SerializeToReusedBuffer(record));
        LedgerJson.SerializeToReusedBuffer(receipt); // the append kept nothing of the buffer
        Assert.Equal(expected, append.Utf8Payload);
    }

    [Fact]
    public void The_compact_record_is_smaller_than_the_earlier_shape_and_reads_back_to_the_same_values()
    {
        var record = InpatientRecord();
        var earlier = JsonSerializer.Serialize(record, Earlier);

        var compact = LedgerJson.Serialize(record);

        Assert.Contains(":null", earlier, StringComparison.Ordinal);
        Assert.Contains("\\u", earlier, StringComparison.Ordinal);
        Assert.True(compact.Length < earlier.Length, $"compact {compact.Length} B, earlier {earlier.Length} B");
        Assert.Equal(compact, LedgerJson.Serialize(LedgerJson.Deserialize<SettlementRecord>(earlier)));
    }

    [Fact]
    public void Zero_amounts_are_left_out_of_journal_payloads_and_read_back_as_zero()
    {
        var record = InpatientRecord();
        var breakdown = record.Breakdown;
        Assert.True(breakdown.FullOwnPay.IsZero);
        Assert.False(breakdown.FundPaySum.IsZero);

        var json = LedgerJson.Serialize(record);
        var read = LedgerJson.Deserialize<SettlementRecord>(json);

        Assert.DoesNotContain("\"fullOwnPay\"", json, StringComparison.Ordinal);
        Assert.Contains($"\"fundPaySum\":{breakdown.FundPaySum.Fen}", json, StringComparison.Ordinal);
        Assert.Equal(Money.Zero, read.Breakdown.FullOwnPay);
        Assert.Equal(breakdown.FundPaySum, read.Breakdown.FundPaySum);
        Assert.Equal(breakdown.Delta.FundsPaid, read.Breakdown.Delta.FundsPaid);
        Assert.Equal(breakdown.AccountBalanceAfter, read.Breakdown.AccountBalanceAfter);
    }

    [Fact]
    public void Only_what_json_requires_is_escaped_and_every_character_reads_back()
    {
        const string messageId = "<b>&'+\"\\\u0001医保";
        var json = LedgerJson.Serialize(new MessageReceipt
        {
            MessageId = messageId, InstitutionCode = "H990001", IsCancel = false, SettlementId = "S1",
            AnsweredAt = DateTimeOffset.UnixEpoch,
        });

        Assert.Contains("\"messageId\":\"<b>&'+\\\"\\\\\\u0001医保\"", json, StringComparison.Ordinal);
        Assert.Equal(messageId, LedgerJson.Deserialize<MessageReceipt>(json).MessageId);
    }

    [Fact]
    public void Person_state_written_in_the_earlier_shape_reads_back_the_same_and_is_rewritten_compactly()
    {
        var serializer = new JsonGrainStateSerializer(JsonGrainStateSerializer.CreateDefaultOptions());
        var record = InpatientRecord();
        var state = new PersonState { AccountBalance = record.Breakdown.AccountBalanceAfter };
        state.RecentMessages.Add(new RecentMessage
        {
            Key = "H990001:M1", Status = SettlementStatus.Rejected, AnsweredAt = DateTimeOffset.UnixEpoch,
            Rejection = new Rejection { Code = RejectionCode.EmptySwipe, Message = "年度最高支付限额已用完" },
        });
        state.RecentMessages.Add(new RecentMessage
        {
            Key = "H990001:M2", Status = SettlementStatus.Settled, SettlementId = record.SettlementId, AnsweredAt = DateTimeOffset.UnixEpoch,
        });
        var earlier = JsonSerializer.SerializeToUtf8Bytes(state, Earlier);

        var read = serializer.Deserialize<PersonState>(new BinaryData(earlier))!;
        var compact = serializer.Serialize(read).ToString();

        Assert.Equal(compact, serializer.Serialize(state).ToString());
        Assert.Null(read.RecentMessages[0].SettlementId);
        Assert.Null(read.RecentMessages[1].Rejection);
        Assert.Equal("年度最高支付限额已用完", read.RecentMessages[0].Rejection!.Message);
        Assert.Contains("年度最高支付限额已用完", compact, StringComparison.Ordinal);
        Assert.DoesNotContain(":null", compact, StringComparison.Ordinal);
        Assert.True(compact.Length < earlier.Length, $"compact {compact.Length} B, earlier {earlier.Length} B");
    }

    private static SettlementRecord InpatientRecord() =>
        new Recorder().Inpatient(Recorder.Adult("99000100000001"), new DateOnly(2026, 3, 2), 12_345.67m);

    private static JsonSerializerOptions CreateEarlier()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Encoder = JavaScriptEncoder.Default,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
