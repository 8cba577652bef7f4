using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Ledger;

/// <summary>
/// The posting feed reads a settlement record's posting source from the start of its JSON (<see cref="PostingSource.Read"/>):
/// a record is written with those members first, the reader stops after the breakdown's fund lines, and it answers
/// exactly what the serializer answers, for records in the order written today, in the order earlier versions wrote,
/// and in shapes it defers to the serializer.
/// </summary>
public sealed class PostingSourceReaderTests
{
    private static readonly DateTimeOffset At = new(2004, 9, 1, 9, 30, 0, TimeSpan.FromHours(8));

    public static TheoryData<string> Records() => [.. Cases().Keys];

    [Theory]
    [MemberData(nameof(Records))]
    public void A_record_writes_the_members_its_postings_are_made_of_first_in_order_then_the_rest(string name)
    {
        var record = JsonNode.Parse(LedgerJson.Serialize(Cases()[name]))!.AsObject();

        AssertFirst(PostingSource.RecordMembersFirst, [.. record.Select(p => p.Key)]);
        AssertFirst(PostingSource.BreakdownMembersFirst, [.. record["breakdown"]!.AsObject().Select(p => p.Key)]);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void The_reader_answers_what_the_serializer_answers_in_todays_order_and_in_the_order_of_earlier_versions(string name)
    {
        var record = Cases()[name];
        var today = LedgerJson.SerializeToUtf8(record);
        var earlier = InEarlierOrder(today);
        Assert.NotEqual(today, earlier);

        var expected = Serialized(JsonSerializer.Deserialize<PostingSource>(today, LedgerJson.Options)!);
        Assert.Equal(Serialized(PostingSource.Of(record)), expected);
        Assert.Equal(expected, Serialized(PostingSource.Read(today)));
        Assert.Equal(expected, Serialized(PostingSource.Read(earlier)));
        Assert.Equal(LedgerWriter.CarriedPostingsOf(record), LedgerWriter.CarriedPostingsOf(PostingSource.Read(today)));
    }

    [Fact]
    public void The_reader_stops_after_the_fund_lines_of_a_record_in_todays_order_and_reads_an_earlier_one_to_its_end()
    {
        var record = Cases()["inpatient case, account"];
        var today = LedgerJson.SerializeToUtf8(record);
        var earlier = InEarlierOrder(today);

        // Everything after the fund lines cut off: not read at all.
        var cut = Encoding.UTF8.GetBytes(CutAfterFundLines(Encoding.UTF8.GetString(today)));
        Assert.True(cut.Length < today.Length / 2, $"{cut.Length} of {today.Length} bytes kept");
        Assert.Equal(Serialized(PostingSource.Of(record)), Serialized(PostingSource.Read(cut)));

        // The same cut of a record in the earlier order is read on, and fails as the serializer does.
        var earlierCut = Encoding.UTF8.GetBytes(CutAfterFundLines(Encoding.UTF8.GetString(earlier)));
        Assert.ThrowsAny<JsonException>(() => PostingSource.Read(earlierCut));
    }

    [Theory]
    [InlineData("\"scheme\":\"Employee\"", "\"scheme\":0")]
    [InlineData("\"scheme\":\"Employee\"", "\"scheme\":\"employee\"")]
    [InlineData("\"settlementId\":", "\"SettlementId\":")]
    [InlineData("\"fundType\":\"BasicPooled\"", "\"fundType\":\"Basic\\u0050ooled\"")]
    [InlineData("\"settlementDate\":\"2026-03-02\"", "\"settlementDate\":\"2026-03-02T00:00:00\"")]
    public void A_shape_the_reader_does_not_expect_is_read_by_the_serializer_with_the_same_result_or_error(string written, string replacement)
    {
        var json = Encoding.UTF8.GetString(LedgerJson.SerializeToUtf8(Cases()["inpatient case, account"]));
        Assert.Contains(written, json, StringComparison.Ordinal);
        var changed = Encoding.UTF8.GetBytes(json.Replace(written, replacement, StringComparison.Ordinal));

        var serializer = Outcome(() => Serialized(JsonSerializer.Deserialize<PostingSource>(changed, LedgerJson.Options)!));
        var reader = Outcome(() => Serialized(PostingSource.Read(changed)));

        Assert.Equal(serializer, reader);
    }

    [Fact]
    public void Malformed_json_is_refused_as_the_serializer_refuses_it()
    {
        Assert.ThrowsAny<JsonException>(() => PostingSource.Read("{\"settlementId\":\"S1\","u8));
        Assert.ThrowsAny<JsonException>(() => PostingSource.Read("[]"u8));
    }

    /// <summary>The members of <paramref name="first"/> present in <paramref name="written"/> come first, in that order.</summary>
    private static void AssertFirst(string[] first, string[] written)
    {
        var present = first.Where(written.Contains).ToArray();
        Assert.Equal(present, written.Take(present.Length));
        Assert.DoesNotContain(written.Skip(present.Length), first.Contains);
        Assert.True(written.Length > present.Length, "members besides the first ones are written too");
    }

    /// <summary>Records of the shapes that matter to the reader: amounts zero or not, a case or none, the flags set, false or absent.</summary>
    private static Dictionary<string, SettlementRecord> Cases()
    {
        var employee = Employee("990001");
        var hospital = Hospital("990001", InstitutionLevel.Tier3);
        var inpatient = Inpatient(new DateOnly(2026, 3, 2), 6_000m);
        var inpatientRecord = Record("S1", employee, hospital, inpatient, accountYuan: 500m);
        var withCase = inpatientRecord with
        {
            Breakdown = inpatientRecord.Breakdown with
            {
                InpatientCase = new InpatientCase { PackId = "P1", AgreedDisease = true, PeriodMonths = 4, RatioMax = 1.5m, CasesMin = 20 },
            },
        };
        var pharmacy = Record("S2", Employee("131000"), Pharmacy("131000"), Visit(VisitType.Pharmacy, new DateOnly(2004, 9, 1), Line(120m, kind: ItemKind.ApprovedDrug)), accountYuan: 500m);
        var resident = Record("S3", Person("990001"), hospital, Inpatient(new DateOnly(2026, 3, 2), 300m), accountYuan: 0m);
        Assert.False(withCase.Breakdown.FundPaySum.IsZero);
        Assert.Empty(pharmacy.Breakdown.FundLines);
        return new Dictionary<string, SettlementRecord>
        {
            ["inpatient, account"] = inpatientRecord,
            ["inpatient case, account"] = withCase,
            ["pharmacy, account only"] = pharmacy,
            ["resident under the deductible"] = resident,
            ["flags absent (an earlier version)"] = withCase with { FundPostingsInRecord = null, ReceivableInRecord = null },
            ["receivable flag false"] = withCase with { ReceivableInRecord = false },
        };
    }

    private static SettlementRecord Record(string settlementId, PersonProfile person, InstitutionProfile institution, Visit visit, decimal accountYuan)
    {
        var breakdown = Settle(Input(person, institution, visit, accountYuan: accountYuan));
        var command = new SettleCommand { MessageId = "M-" + settlementId, InstitutionCode = institution.Code, Visit = visit, UseAccount = accountYuan > 0 };
        return LedgerWriter.Settle(settlementId, command, "digest", person, institution, breakdown, At, keptSwipe: true).Record;
    }

    /// <summary>The JSON of a record as the versions before the order wrote it: the flags after the engine input, the case after the trace.</summary>
    private static byte[] InEarlierOrder(byte[] json)
    {
        var record = JsonNode.Parse(json)!.AsObject();
        MoveToEnd(record, "fundPostingsInRecord", "receivableInRecord");
        MoveToEnd(record["breakdown"]!.AsObject(), "settlementDate", "totalAmount", "fundPaySum", "accountPaid", "cashPaid", "inpatientCase");
        return Encoding.UTF8.GetBytes(record.ToJsonString());
    }

    private static void MoveToEnd(JsonObject json, params string[] names)
    {
        foreach (var name in names)
        {
            if (json.Remove(name, out var value))
            {
                json[name] = value;
            }
        }
    }

    /// <summary>The JSON up to the end of the breakdown's fund lines; the rest of the text dropped.</summary>
    private static string CutAfterFundLines(string json)
    {
        var start = json.IndexOf("\"fundLines\":[", StringComparison.Ordinal);
        Assert.True(start > 0);
        var depth = 0;
        var inString = false;
        for (var i = start + "\"fundLines\":".Length; ; i++)
        {
            if (inString)
            {
                if (json[i] == '\\')
                {
                    i++;
                }
                else
                {
                    inString = json[i] != '"';
                }

                continue;
            }

            inString = json[i] == '"';
            depth += json[i] switch { '[' or '{' => 1, ']' or '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return json[..(i + 1)];
            }
        }
    }

    private static string Serialized(PostingSource source) => LedgerJson.Serialize(source);

    private static string Outcome(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (JsonException error)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }
}
