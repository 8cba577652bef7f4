namespace Medisettle.Interfaces.Controls;

/// <summary>
/// A durable flag for review (journal entry <c>flag:{FlagId}</c>, stream <c>flag:{InstitutionCode}</c>): committed in
/// the same transaction as the settlement that raised it, or as the refusal of the swipe it refused. Never edited; a
/// review adds a <see cref="FlagResolution"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ControlFlag
{
    /// <summary>
    /// <c>{settlementId}-{rule}</c> for a settled swipe, <c>{institution}-{msgid}-{rule}</c> for a refused one: a
    /// settlement or a message raises a rule's flag at most once, so a retry cannot add a second.
    /// </summary>
    [Id(0)] public required string FlagId { get; init; }

    [Id(1)] public required ControlRule Rule { get; init; }

    /// <summary>Flag: the swipe was settled; Refuse: it was refused.</summary>
    [Id(2)] public required ControlAction Action { get; init; }

    [Id(3)] public required string PersonId { get; init; }

    [Id(4)] public required string InstitutionCode { get; init; }

    /// <summary>The settlement that raised it (setl_id); null when the swipe was refused.</summary>
    [Id(5)] public string? SettlementId { get; init; }

    /// <summary>The swipe's msgid.</summary>
    [Id(6)] public required string MessageId { get; init; }

    [Id(7)] public required string VisitId { get; init; }

    [Id(8)] public required DateOnly VisitDate { get; init; }

    [Id(9)] public required string PackId { get; init; }

    [Id(10)] public required string Evidence { get; init; }

    [Id(11)] public IReadOnlyList<string> RelatedSettlementIds { get; init; } = [];

    /// <summary>When the flag was committed (the settlement's or refusal's time).</summary>
    [Id(12)] public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>Most characters of a flag id (a psn_no-sized institution code, a 30-character msgid and a rule name).</summary>
    public const int FlagIdLengthMax = 100;

    public static string SettledFlagId(string settlementId, ControlRule rule) => $"{settlementId}-{rule}";

    public static string RefusedFlagId(string institutionCode, string messageId, ControlRule rule) => $"{institutionCode}-{messageId}-{rule}";

    /// <summary>Whether <paramref name="flagId"/> has the shape of a flag id: 1–100 ASCII letters, digits and '-'.</summary>
    public static bool IsWellFormedId(string? flagId) =>
        flagId is { Length: > 0 and <= FlagIdLengthMax } && flagId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
