namespace Medisettle.Grains.Ledger;

/// <summary>
/// Names of journal streams and entry ids. Entry ids are unique in the journal, which is what makes a
/// settlement, a cancel, a message, a posting, a flag and a flag's resolution impossible to record twice.
/// </summary>
public static class LedgerNames
{
    /// <summary>Prefix of every posting stream; the dispatcher delivers these to their consumer grains.</summary>
    public const string PostingStreamPrefix = "post:";

    /// <summary>Prefix of institution accounts (<c>inst:{code}</c>).</summary>
    public const string InstitutionAccountPrefix = "inst:";

    /// <summary>Stream of message receipts.</summary>
    public const string ReceiptStream = "msg";

    /// <summary>Prefix of the flag streams (<c>flag:{institution}</c>): control-rule flags for review.</summary>
    public const string FlagStreamPrefix = "flag:";

    /// <summary>Prefix of the flag-resolution streams (<c>flagres:{institution}</c>): review decisions.</summary>
    public const string FlagResolutionStreamPrefix = "flagres:";

    public static string PersonStream(string personId) => $"person:{personId}";

    public static string FlagStream(string institutionCode) => FlagStreamPrefix + institutionCode;

    public static string FlagEntry(string flagId) => $"flag:{flagId}";

    public static string FlagResolutionStream(string institutionCode) => FlagResolutionStreamPrefix + institutionCode;

    public static string FlagResolutionEntry(string flagId) => $"flagres:{flagId}";

    public static string SettlementEntry(string settlementId) => $"setl:{settlementId}";

    public static string CancellationEntry(string settlementId) => $"cancel:{settlementId}";

    public static string ReceiptEntry(string institutionCode, string messageId) => $"msg:{institutionCode}:{messageId}";

    public static string MessageKey(string institutionCode, string messageId) => $"{institutionCode}:{messageId}";

    public static string InstitutionAccount(string institutionCode) => InstitutionAccountPrefix + institutionCode;

    public static string PostingStream(string account) => PostingStreamPrefix + account;

    public static string PostingEntry(string settlementId, string account, bool reversal) =>
        reversal ? $"post:{settlementId}:{account}:rev" : $"post:{settlementId}:{account}";

    /// <summary>The account of a posting stream, or null when the stream is not a posting stream.</summary>
    public static string? AccountOf(string stream) =>
        stream.StartsWith(PostingStreamPrefix, StringComparison.Ordinal) ? stream[PostingStreamPrefix.Length..] : null;
}
