namespace Medisettle.LoadTest.Acknowledgements;

/// <summary>
/// One acknowledged settlement as a line of the acks file (<c>http --acks</c>): tab-separated
/// <c>msgid</c>, <c>setl_id</c>, <c>psn_no</c>, <c>infno</c> (2102 pharmacy, 2207 outpatient, 2304 inpatient), UTF-8,
/// ended by <c>\n</c>, no header.
/// </summary>
public sealed record AcknowledgementLine(string MessageId, string SettlementId, string PersonId, string Infno)
{
    private const char Separator = '\t';
    private const int FieldCount = 4;

    /// <summary>The line without its <c>\n</c>.</summary>
    public string Format()
    {
        foreach (var field in new[] { MessageId, SettlementId, PersonId, Infno })
        {
            if (field.Length == 0 || field.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
            {
                throw new ArgumentException($"An acks field must be non-empty and contain no tab or line break: '{field}'.");
            }
        }

        return string.Join(Separator, MessageId, SettlementId, PersonId, Infno);
    }

    /// <summary>Parses a line (without its line break); null unless it has exactly four non-empty fields.</summary>
    public static AcknowledgementLine? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split(Separator);
        return fields.Length == FieldCount && fields.All(f => f.Length > 0) ? new AcknowledgementLine(fields[0], fields[1], fields[2], fields[3]) : null;
    }
}
