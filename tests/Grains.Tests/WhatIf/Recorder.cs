using Medisettle.Grains.Ledger;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Grains.Tests.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Grains.Tests.WhatIf;

/// <summary>Makes journal records the way <c>PersonGrain</c> does: the engine on the person's accumulators, then <see cref="LedgerWriter"/>.</summary>
internal sealed class Recorder
{
    private readonly Dictionary<string, (YearToDate Ytd, Money Balance, ControlHistory History)> _state = new(StringComparer.Ordinal);
    private int _next;

    public List<object> Records { get; } = [];

    public static PolicyPack InForcePack(string id) => Scenario.Catalog.FindById(id)!;

    /// <summary>A variant of a shipped pack (same id) with <paramref name="from"/> replaced by <paramref name="to"/> in its JSON text.</summary>
    public static PolicyPack Variant(string file, string from, string to)
    {
        var json = File.ReadAllText(Path.Combine(PolicyPackLoader.DefaultDirectory, file));
        Assert.Contains(from, json, StringComparison.Ordinal);
        return PolicyPackLoader.Parse(json.Replace(from, to, StringComparison.Ordinal), "candidate.json");
    }

    public static PersonProfile Adult(string id) => Scenario.Person("990001") with { PersonId = id };

    /// <summary>Settles an inpatient stay of <paramref name="inScopeYuan"/> (甲类) at a tier-3 hospital of 990001.</summary>
    public SettlementRecord Inpatient(PersonProfile person, DateOnly date, decimal inScopeYuan)
    {
        var visit = Scenario.Inpatient(date, inScopeYuan) with { VisitId = "V" + _next };
        return Settle(person, Scenario.Hospital("990001", InstitutionLevel.Tier3), visit);
    }

    public SettlementRecord Settle(PersonProfile person, InstitutionProfile institution, Visit visit, decimal openingAccountYuan = 0)
    {
        var (ytd, balance, history) = _state.TryGetValue(person.PersonId, out var s) ? s : (YearToDate.Empty(visit.DecisionDate.Year), Money.FromYuan(openingAccountYuan), ControlHistory.Empty);
        if (ytd.BenefitYear < visit.DecisionDate.Year)
        {
            ytd = YearToDate.Empty(visit.DecisionDate.Year);
        }

        var id = $"S{visit.Date:yyyyMMdd}{_next++:D21}";
        var at = new DateTimeOffset(visit.Date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        var result = Scenario.Engine.Compute(new EngineInput
        {
            Person = person, Institution = institution, Visit = visit, YearToDate = ytd,
            PersonalAccountBalance = balance, History = history, SwipedAt = at, SettlementId = id,
        });
        Assert.True(result.IsSettled, result.Rejection?.Message);
        var command = new SettleCommand { MessageId = "M" + id, InstitutionCode = institution.Code, Visit = visit };
        var (record, _) = LedgerWriter.Settle(id, command, "digest", person, institution, result.Breakdown, at);
        _state[person.PersonId] = (result.YearToDateAfter, result.Breakdown.AccountBalanceAfter, result.HistoryAfter!);
        Records.Add(record);
        return record;
    }

    public void Cancel(SettlementRecord settled)
    {
        var (ytd, balance, history) = _state[settled.PersonId];
        _state[settled.PersonId] = (SettlementEngine.ReverseOnYear(ytd, settled.Breakdown), SettlementEngine.ReverseOnAccount(balance, settled.Breakdown), history.Without(settled.SettlementId));
        Records.Add(new CancellationRecord
        {
            SettlementId = settled.SettlementId, MessageId = "C" + settled.SettlementId, PersonId = settled.PersonId,
            InstitutionCode = settled.InstitutionCode, CancelledAt = settled.SettledAt.AddHours(1), PostingIds = [],
        });
    }

    /// <summary>Feeds every record, in order, to a replay.</summary>
    public Medisettle.Grains.WhatIf.WhatIfResult Replay(PolicyPack candidate, DateOnly from, DateOnly to)
    {
        var replay = new Medisettle.Grains.WhatIf.WhatIfReplay(Scenario.Catalog, candidate, new() { From = from, To = to });
        foreach (var record in Records)
        {
            if (record is SettlementRecord settled)
            {
                replay.Add(settled);
            }
            else
            {
                replay.Add((CancellationRecord)record);
            }
        }

        return replay.Result();
    }
}
