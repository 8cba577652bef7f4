using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Journal;

namespace Medisettle.Grains.Controls;

/// <summary>
/// Builds the durable flags of a swipe and their journal appends (entry <c>flag:{flagId}</c>, stream
/// <c>flag:{institution}</c>). A settled swipe's flags are keyed by its settlement id, a refused swipe's by its
/// (institution, msgid): a retry answered from the receipt never commits again, and a retry of a refusal meets its
/// flag's entry id, so no swipe raises a rule's flag twice.
/// </summary>
public static class ControlFlags
{
    /// <summary>The flags of a settlement about to commit, one per rule that flagged it.</summary>
    public static IReadOnlyList<ControlFlag> Settled(SettlementBreakdown breakdown, string settlementId, SettleCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(command);
        return [.. breakdown.Flags.Select(finding => Flag(ControlFlag.SettledFlagId(settlementId, finding.Rule), finding, settlementId, command, breakdown.PersonId, now))];
    }

    /// <summary>The flag of a swipe a rule refused.</summary>
    public static ControlFlag Refused(ControlFinding finding, SettleCommand command, string personId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(command);
        return Flag(ControlFlag.RefusedFlagId(command.InstitutionCode, command.MessageId, finding.Rule), finding, null, command, personId, now);
    }

    public static JournalAppend ToAppend(ControlFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return new JournalAppend(LedgerNames.FlagStream(flag.InstitutionCode), LedgerNames.FlagEntry(flag.FlagId), LedgerJson.SerializeToUtf8(flag));
    }

    private static ControlFlag Flag(string flagId, ControlFinding finding, string? settlementId, SettleCommand command, string personId, DateTimeOffset now) => new()
    {
        FlagId = flagId,
        Rule = finding.Rule,
        Action = finding.Action,
        PersonId = personId,
        InstitutionCode = command.InstitutionCode,
        SettlementId = settlementId,
        MessageId = command.MessageId,
        VisitId = command.Visit.VisitId,
        VisitDate = command.Visit.Date,
        PackId = finding.PackId,
        Evidence = finding.Evidence,
        RelatedSettlementIds = finding.RelatedSettlementIds,
        RaisedAt = now,
    };
}
