using System.Globalization;
using Medisettle.Grains.Persons;
using Medisettle.Grains.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.WhatIf;

/// <summary>The two runs of one settlement, the consistency check and the tallies.</summary>
public sealed partial class WhatIfReplay
{
    private PersonReplay PersonOf(string personId, SettlementBreakdown first)
    {
        if (!_persons.TryGetValue(personId, out var person))
        {
            person = new PersonReplay();
            _persons.Add(personId, person);
        }

        if (!person.Started)
        {
            // The balance before the person's first journaled settlement: after it, plus what it paid.
            var opening = first.AccountBalanceAfter + first.AccountPaid;
            person.Before.AccountBalance = opening;
            person.After.AccountBalance = opening;
            person.Started = true;
        }

        return person;
    }

    /// <summary>Re-runs under the packs in force, compares with the record, then takes the record into the chain.</summary>
    private void CheckBefore(ReplayChain chain, SettlementRecord record)
    {
        var recorded = record.Breakdown;
        var computation = _inForceEngine.Compute(chain.InputFor(record));
        _replayedBefore++;
        var difference = computation.IsSettled ? Difference(recorded, computation.Breakdown) : "refused: " + computation.Rejection.Message;
        if (difference is not null)
        {
            _mismatches++;
            if (_mismatchSamples.Count < _options.SamplesMax)
            {
                _mismatchSamples.Add($"{record.SettlementId} ({recorded.SettlementDate:yyyy-MM-dd}): {difference}");
            }
        }

        // The recorded split is what happened: the chain follows it whatever the re-run said.
        var history = computation.IsSettled ? computation.HistoryAfter : null;
        chain.Apply(recorded);
        chain.History = history ?? chain.History;
    }

    private SettlementBreakdown? RunAfter(ReplayChain chain, SettlementRecord record)
    {
        var computation = _candidateEngine.Compute(chain.InputFor(record));
        if (computation.IsSettled)
        {
            chain.Take(computation, record.Input!.UseAccount);
            return computation.Breakdown;
        }

        _refused++;
        if (_refusalSamples.Count < _options.SamplesMax)
        {
            _refusalSamples.Add($"{record.SettlementId} ({record.Breakdown.SettlementDate:yyyy-MM-dd}): {computation.Rejection.Code}: {computation.Rejection.Message}");
        }

        return null;
    }

    private void Count(PersonReplay person, string group, SettlementBreakdown recorded, SettlementBreakdown? after, SettlementInput? input, int sign)
    {
        if (!_groups.TryGetValue(group, out var totals))
        {
            totals = (new PaymentTotals(), new PaymentTotals());
            _groups.Add(group, totals);
        }

        _before.Add(recorded, sign);
        totals.Before.Add(recorded, sign);
        if (after is null)
        {
            _after.AddRefused(recorded.TotalAmount, sign);
            totals.After.AddRefused(recorded.TotalAmount, sign);
        }
        else
        {
            _after.Add(after, sign);
            totals.After.Add(after, sign);
        }

        person.SettlementsInPeriod += sign;
        person.FundPaidBefore += sign > 0 ? recorded.FundPaySum : -recorded.FundPaySum;
        var afterFunds = after?.FundPaySum ?? Money.Zero;
        person.FundPaidAfter += sign > 0 ? afterFunds : -afterFunds;
        if (input is not null)
        {
            person.Group = group;
            person.LastInput = input;
            person.PeriodYears.Add(recorded.BenefitYear);
        }
    }

    /// <summary>Whether the person's basic-fund accumulators reached the annual cap of their group in a benefit year of the period.</summary>
    private static bool ReachedCap(PolicyPackCatalog catalog, ReplayChain chain, PersonReplay person, SettlementInput input)
    {
        foreach (var year in person.PeriodYears)
        {
            if (chain.Year(year) is not { } ytd)
            {
                continue;
            }

            var profile = input.Person;
            var date = new DateOnly(year, 12, 31) < input.Visit.DecisionDate ? new DateOnly(year, 12, 31) : input.Visit.DecisionDate;
            var basic = catalog.Resolve(profile.InsuredRegion, profile.Scheme, date).Basic?.Basic;
            var group = basic?.Groups.FirstOrDefault(g => g.Categories.Contains(profile.Category));
            if (group is null)
            {
                continue;
            }

            var counted = group.CapBasis == CapBasis.FundPayment ? ytd.FundsPaid.BasicPooled : ytd.EligibleCostCounted;
            if (counted >= group.AnnualCap)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first money field in which a re-run differs from the record, or null.</summary>
    private static string? Difference(SettlementBreakdown recorded, SettlementBreakdown replayed)
    {
        (string Name, Money Recorded, Money Replayed)[] fields =
        [
            ("total", recorded.TotalAmount, replayed.TotalAmount),
            ("in scope", recorded.InScopeAmount, replayed.InScopeAmount),
            ("deductible", recorded.DeductibleCharged, replayed.DeductibleCharged),
            ("basic pooled", recorded.FundsPaid.BasicPooled, replayed.FundsPaid.BasicPooled),
            ("large amount", recorded.FundsPaid.LargeAmount, replayed.FundsPaid.LargeAmount),
            ("critical illness", recorded.FundsPaid.CriticalIllness, replayed.FundsPaid.CriticalIllness),
            ("medical assistance", recorded.FundsPaid.MedicalAssistance, replayed.FundsPaid.MedicalAssistance),
            ("account", recorded.AccountPaid, replayed.AccountPaid),
            ("cash", recorded.CashPaid, replayed.CashPaid),
        ];
        foreach (var (name, was, now) in fields)
        {
            if (was != now)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{name} recorded {was}, replayed {now}");
            }
        }

        if (recorded.BenefitYear != replayed.BenefitYear || !recorded.Delta.Equals(replayed.Delta))
        {
            return "accumulator delta differs";
        }

        return null;
    }

    private static SettlementBreakdown Strip(SettlementBreakdown breakdown) =>
        breakdown with { Trace = [], FundLines = [], Flags = [], PackIds = [] };

    private static string GroupOf(PersonProfile person) => $"{person.Scheme}/{person.Category}";

    private static string Mask(string id) => PersonGrain.Mask(id);
}
