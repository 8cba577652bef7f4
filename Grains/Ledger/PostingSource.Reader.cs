using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// Reading a <see cref="PostingSource"/> out of a settlement record's JSON without parsing the rest of it. The posting feed
/// reads every settlement record once; most of a record (its engine input, its rule trace, each fund line's process text)
/// is not what its postings are made of, and parsing it was most of what the feed's reads cost.
/// </summary>
/// <remarks>
/// <see cref="LedgerJson"/> writes a record's members in the order of <see cref="RecordMembersFirst"/>, and its breakdown's
/// in the order of <see cref="BreakdownMembersFirst"/>, each before any other member. A record whose two carried-posting
/// flags come before its breakdown was therefore written in that order (the versions before it wrote them after the engine
/// input), so once the reader has read its breakdown's fund lines, every member it needs has been read or is absent
/// (a zero amount and a null case are left out of the JSON), and it stops. Any other record, one an earlier version wrote
/// say, is read to its end. A shape this reader does not expect (a member of another JSON type, a name it does not know
/// the value of) is handed to the serializer, which reads the record as before: the fast path answers only what the
/// serializer would, or defers to it.
/// </remarks>
internal sealed partial record PostingSource
{
    /// <summary>A record's members written first, in this order: the ones its postings are made of, its breakdown last.</summary>
    internal static readonly string[] RecordMembersFirst =
        ["settlementId", "messageId", "personId", "institutionCode", "insuredRegion", "scheme", "settledAt", "fundPostingsInRecord", "receivableInRecord", "breakdown"];

    /// <summary>A breakdown's members written first, in this order: the ones its postings are made of, its fund lines last.</summary>
    internal static readonly string[] BreakdownMembersFirst =
        ["settlementDate", "totalAmount", "fundPaySum", "accountPaid", "cashPaid", "inpatientCase", "fundLines"];

    /// <summary>
    /// A <see cref="DefaultJsonTypeInfoResolver"/> modifier: puts a <see cref="SettlementRecord"/>'s and a
    /// <see cref="SettlementBreakdown"/>'s members of <see cref="RecordMembersFirst"/> and <see cref="BreakdownMembersFirst"/>
    /// first, in that order; the others follow in their declared order.
    /// </summary>
    internal static void WriteMembersFirst(JsonTypeInfo type)
    {
        var first = type.Type == typeof(SettlementRecord) ? RecordMembersFirst
            : type.Type == typeof(SettlementBreakdown) ? BreakdownMembersFirst
            : null;
        if (first is null)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            var at = Array.IndexOf(first, property.Name);
            property.Order = at < 0 ? 0 : at - first.Length;
        }
    }

    /// <summary>
    /// The posting source of a settlement record's JSON, as <see cref="JsonSerializer"/> reads it with <see cref="LedgerJson.Options"/>,
    /// reading no further into the record than it needs (see the remarks on <see cref="PostingSource"/>).
    /// </summary>
    public static PostingSource Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return TryRead(ref reader)
            ?? JsonSerializer.Deserialize<PostingSource>(json, LedgerJson.Options)
            ?? throw new JsonException("A settlement record's payload deserialized to null.");
    }

    /// <summary>The members read so far. A reference type, so the breakdown's reader fills the same one.</summary>
    private sealed class Found
    {
        public string? SettlementId;
        public string? PersonId;
        public string? InstitutionCode;
        public string? InsuredRegion;
        public Scheme? Scheme;
        public DateTimeOffset? SettledAt;
        public bool? FundPostingsInRecord;
        public bool? ReceivableInRecord;
        public bool FlagsBeforeBreakdown;
        public DateOnly? SettlementDate;
        public Money TotalAmount;
        public Money FundPaySum;
        public Money AccountPaid;
        public Money CashPaid;
        public PaidLine[]? FundLines;
        public InpatientCase? InpatientCase;
        public bool BreakdownRead;

        public PostingSource? Complete() =>
            SettlementId is null || PersonId is null || InstitutionCode is null || InsuredRegion is null || Scheme is null
                || SettledAt is null || !BreakdownRead || SettlementDate is null || FundLines is null
                ? null
                : new PostingSource
                {
                    SettlementId = SettlementId,
                    PersonId = PersonId,
                    InstitutionCode = InstitutionCode,
                    InsuredRegion = InsuredRegion,
                    Scheme = Scheme.Value,
                    SettledAt = SettledAt.Value,
                    FundPostingsInRecord = FundPostingsInRecord,
                    ReceivableInRecord = ReceivableInRecord,
                    Breakdown = new PaidPart
                    {
                        SettlementDate = SettlementDate.Value,
                        TotalAmount = TotalAmount,
                        FundPaySum = FundPaySum,
                        AccountPaid = AccountPaid,
                        CashPaid = CashPaid,
                        FundLines = FundLines,
                        InpatientCase = InpatientCase,
                    },
                };
    }

    /// <summary>The posting source, or null to hand the record to the serializer.</summary>
    private static PostingSource? TryRead(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var found = new Found();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("settlementId"u8))
            {
                ok = ReadString(ref reader, out found.SettlementId);
            }
            else if (reader.ValueTextEquals("personId"u8))
            {
                ok = ReadString(ref reader, out found.PersonId);
            }
            else if (reader.ValueTextEquals("institutionCode"u8))
            {
                ok = ReadString(ref reader, out found.InstitutionCode);
            }
            else if (reader.ValueTextEquals("insuredRegion"u8))
            {
                ok = ReadString(ref reader, out found.InsuredRegion);
            }
            else if (reader.ValueTextEquals("scheme"u8))
            {
                ok = ReadName(ref reader, out found.Scheme);
            }
            else if (reader.ValueTextEquals("settledAt"u8))
            {
                var at = default(DateTimeOffset);
                ok = reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out at);
                found.SettledAt = ok ? at : null;
            }
            else if (reader.ValueTextEquals("fundPostingsInRecord"u8))
            {
                ok = ReadFlag(ref reader, out found.FundPostingsInRecord);
            }
            else if (reader.ValueTextEquals("receivableInRecord"u8))
            {
                ok = ReadFlag(ref reader, out found.ReceivableInRecord);
            }
            else if (reader.ValueTextEquals("breakdown"u8))
            {
                found.FlagsBeforeBreakdown = found.FundPostingsInRecord is not null && found.ReceivableInRecord is not null;
                if (!ReadBreakdown(ref reader, found, out var done))
                {
                    return null;
                }

                if (done)
                {
                    return found.Complete();
                }
            }
            else
            {
                reader.Skip();
            }

            if (!ok)
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? found.Complete() : null;
    }

    /// <summary>
    /// Reads the breakdown's members the postings are made of. <paramref name="done"/>: the record is in the order
    /// <see cref="LedgerJson"/> writes and every member needed has been read, so the caller can stop.
    /// </summary>
    private static bool ReadBreakdown(ref Utf8JsonReader reader, Found found, out bool done)
    {
        done = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("settlementDate"u8))
            {
                ok = ReadDate(ref reader, out found.SettlementDate);
            }
            else if (reader.ValueTextEquals("totalAmount"u8))
            {
                ok = ReadMoney(ref reader, out found.TotalAmount);
            }
            else if (reader.ValueTextEquals("fundPaySum"u8))
            {
                ok = ReadMoney(ref reader, out found.FundPaySum);
            }
            else if (reader.ValueTextEquals("accountPaid"u8))
            {
                ok = ReadMoney(ref reader, out found.AccountPaid);
            }
            else if (reader.ValueTextEquals("cashPaid"u8))
            {
                ok = ReadMoney(ref reader, out found.CashPaid);
            }
            else if (reader.ValueTextEquals("inpatientCase"u8))
            {
                ok = reader.Read();
                found.InpatientCase = ok && reader.TokenType != JsonTokenType.Null
                    ? JsonSerializer.Deserialize<InpatientCase>(ref reader, LedgerJson.Options)
                    : null;
            }
            else if (reader.ValueTextEquals("fundLines"u8))
            {
                ok = ReadFundLines(ref reader, out found.FundLines);
                if (ok && found.FlagsBeforeBreakdown && found.SettledAt is not null)
                {
                    found.BreakdownRead = true;
                    done = true;
                    return true;
                }
            }
            else
            {
                reader.Skip();
            }

            if (!ok)
            {
                return false;
            }
        }

        found.BreakdownRead = reader.TokenType == JsonTokenType.EndObject;
        return found.BreakdownRead;
    }

    private static bool ReadFundLines(ref Utf8JsonReader reader, out PaidLine[]? lines)
    {
        lines = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var read = new List<PaidLine>(4);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            FundType? type = null;
            var paid = Money.Zero;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var ok = true;
                if (reader.ValueTextEquals("fundType"u8))
                {
                    ok = ReadName(ref reader, out type);
                }
                else if (reader.ValueTextEquals("amountPaid"u8))
                {
                    ok = ReadMoney(ref reader, out paid);
                }
                else
                {
                    reader.Skip();
                }

                if (!ok)
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || type is null)
            {
                return false;
            }

            read.Add(new PaidLine { FundType = type.Value, AmountPaid = paid });
        }

        lines = reader.TokenType == JsonTokenType.EndArray ? read.ToArray() : null;
        return lines is not null;
    }

    private static bool ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return value is not null;
    }

    private static bool ReadFlag(ref Utf8JsonReader reader, out bool? value)
    {
        reader.Read();
        value = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return value is not null || reader.TokenType == JsonTokenType.Null;
    }

    private static bool ReadMoney(ref Utf8JsonReader reader, out Money value)
    {
        var fen = 0L;
        var ok = reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out fen);
        value = new Money(fen);
        return ok;
    }

    /// <summary>An enum written by its name, as <see cref="LedgerJson"/> writes enums; anything else defers to the serializer.</summary>
    private static bool ReadName<T>(ref Utf8JsonReader reader, out T? value)
        where T : struct, Enum
    {
        value = null;
        Span<char> name = stackalloc char[64];
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length > name.Length)
        {
            return false;
        }

        var length = reader.CopyString(name);
        // Exactly a declared name: Enum.TryParse alone would also take numbers, spaces and lists of names.
        if (!Enum.TryParse<T>(name[..length], out var parsed) || !name[..length].SequenceEqual(Enum.GetName(parsed)))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    private static bool ReadDate(ref Utf8JsonReader reader, out DateOnly? value)
    {
        value = null;
        Span<char> text = stackalloc char[16];
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length > text.Length)
        {
            return false;
        }

        var length = reader.CopyString(text);
        if (!DateOnly.TryParseExact(text[..length], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        value = date;
        return true;
    }
}
