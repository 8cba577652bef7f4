using System.Globalization;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>Steps 4–7: 大额, 大病, medical assistance, personal account.</summary>
public sealed partial class SettlementEngine
{
    private static Rejection? PayLargeAmount(SettlementWork w)
    {
        if (w.Policies.LargeAmount is not { LargeAmount: { } section } pack)
        {
            return null;
        }

        if (section.RequiresAddOn && !w.Person.HasLargeAmountAddOn)
        {
            w.Trace.Add($"{pack.Id} largeAmount: person did not buy the add-on; not applied");
            return null;
        }

        w.UsePack(pack);
        var room = (section.AnnualCap - w.Ytd.FundsPaid.LargeAmount).AtLeastZero();
        w.LargeAmountPaid = Money.Min(w.OverCapAtRatio, room);
        var info = string.Create(CultureInfo.InvariantCulture, $"{pack.Id} largeAmount: eligible cost beyond the basic cap at {Percent(w.Ratio)} = {w.OverCapAtRatio}; annual cap {section.AnnualCap}, paid this year {w.Ytd.FundsPaid.LargeAmount}, room {room} → {w.LargeAmountPaid}");
        AddLine(w, FundType.LargeAmount, w.InScope, room, w.LargeAmountPaid, info);
        return null;
    }

    private static Rejection? PayCriticalIllness(SettlementWork w)
    {
        if (w.Policies.CriticalIllness is not { CriticalIllness: { } section } pack)
        {
            return null;
        }

        if (section.BaseVisitTypes.Count > 0 && !section.BaseVisitTypes.Contains(w.Visit.Type))
        {
            w.Trace.Add($"{pack.Id} criticalIllness: visit type {w.Visit.Type} is not in baseVisitTypes; not counted");
            return null;
        }

        var set = section.BandSets.FirstOrDefault(s => s.Categories.Contains(w.Person.Category));
        if (set is null)
        {
            return MissingRule(pack, $"criticalIllness.bandSets has no band set for category {w.Person.Category}");
        }

        w.UsePack(pack);
        var increment = w.InScope - w.BasicPaid - w.LargeAmountPaid;
        var baseAfter = w.Ytd.CriticalIllnessBase + increment;
        var excess = (baseAfter - section.Threshold).AtLeastZero();
        var entitlement = CriticalIllnessEntitlement(excess, set, w.Person);
        var room = (MaxCriticalIllnessEntitlement(set, w.Person) - w.Ytd.FundsPaid.CriticalIllness).AtLeastZero();
        var paid = Money.Min((entitlement - w.Ytd.FundsPaid.CriticalIllness).AtLeastZero(), increment);
        w.CriticalIllnessBaseAdded = increment;
        w.CriticalIllnessPaid = paid;
        var info = string.Create(CultureInfo.InvariantCulture, $"{pack.Id} criticalIllness '{set.Name}': year base {w.Ytd.CriticalIllnessBase} + {increment} = {baseAfter}, over threshold {section.Threshold} by {excess}; entitlement {entitlement} − paid this year {w.Ytd.FundsPaid.CriticalIllness} → {paid}");
        AddLine(w, FundType.CriticalIllness, increment, room, paid, info);
        return null;
    }

    /// <summary>
    /// 大病 entitlement for a year's excess E over the threshold: marginal bands (each band's
    /// part of E times its rate, each rounded once), capped by the band set's annual cap.
    /// </summary>
    internal static Money CriticalIllnessEntitlement(Money excess, CriticalIllnessBandSet set, PersonProfile person)
    {
        var total = Money.Zero;
        foreach (var band in set.Bands)
        {
            if (excess <= band.From)
            {
                break;
            }

            if (!BandApplies(band, person))
            {
                continue;
            }

            var top = band.To is { } to ? Money.Min(excess, to) : excess;
            total += (top - band.From).ApplyRate(band.Rate);
        }

        return set.AnnualCap is { } cap ? Money.Min(total, cap) : total;
    }

    internal static Money MaxCriticalIllnessEntitlement(CriticalIllnessBandSet set, PersonProfile person)
    {
        var last = set.Bands[^1];
        if (last.To is { } top)
        {
            return CriticalIllnessEntitlement(top, set, person);
        }

        return set.AnnualCap!.Value;
    }

    private static bool BandApplies(CriticalIllnessBand band, PersonProfile person)
    {
        if (band.RequiresCertificateFor.Count == 0)
        {
            return true;
        }

        foreach (var code in band.RequiresCertificateFor)
        {
            if (person.SpecialDiseaseCertificates.Contains(code))
            {
                return true;
            }
        }

        return false;
    }

    private static Rejection? PayAssistance(SettlementWork w)
    {
        if (w.Policies.Assistance is not { Assistance: { } section } pack)
        {
            return null;
        }

        var drugRule = section.OutpatientDrugRule is { } rule && DrugRuleApplies(rule, w) ? rule : null;
        if (drugRule is null && !HasAnyStatus(w.Person, section.Statuses))
        {
            return null;
        }

        w.UsePack(pack);
        var remaining = w.InScope - w.BasicPaid - w.LargeAmountPaid - w.CriticalIllnessPaid;
        var room = (section.AnnualCap - w.Ytd.FundsPaid.MedicalAssistance).AtLeastZero();
        string info;
        if (section.MinEligibleCost is { } min && w.InScope < min)
        {
            info = string.Create(CultureInfo.InvariantCulture, $"{pack.Id} assistance: in scope {w.InScope} below the minimum eligible cost {min} → 0.00");
        }
        else
        {
            var rate = drugRule?.Rate ?? section.Rate;
            w.AssistancePaid = Money.Min(remaining.ApplyRate(rate), room);
            var which = drugRule is null ? "assistance.rate" : "assistance.outpatientDrugRule.rate";
            info = string.Create(CultureInfo.InvariantCulture, $"{pack.Id} {which}: in-scope self-pay left {remaining} × {Percent(rate)}; annual cap {section.AnnualCap}, paid this year {w.Ytd.FundsPaid.MedicalAssistance}, room {room} → {w.AssistancePaid}");
        }

        AddLine(w, FundType.MedicalAssistance, remaining, room, w.AssistancePaid, info);
        return null;
    }

    private static bool DrugRuleApplies(OutpatientDrugAssistanceRule rule, SettlementWork w) =>
        HasAnyStatus(w.Person, rule.Statuses)
        && rule.VisitTypes.Contains(w.Visit.Type)
        && w.Visit.DiseaseCode is { } code && rule.DiseaseCodes.Contains(code);

    private static bool HasAnyStatus(PersonProfile person, IReadOnlyList<AssistanceStatus> statuses)
    {
        foreach (var status in person.AssistanceStatuses)
        {
            if (statuses.Contains(status))
            {
                return true;
            }
        }

        return false;
    }

    private static void PayAccount(SettlementWork w)
    {
        if (!AccountPays(w))
        {
            return;
        }

        var pack = w.Policies.PersonalAccount!;
        w.UsePack(pack);
        var personal = w.Total - w.LargeAmountPaid - w.BasicPaid - w.CriticalIllnessPaid - w.AssistancePaid;
        w.AccountPaid = Money.Min(w.AccountBalance, personal);
        w.Trace.Add(string.Create(CultureInfo.InvariantCulture, $"{pack.Id} personalAccount: personal share {personal}, balance {w.AccountBalance} → account pays {w.AccountPaid}"));
    }
}
