using System.Globalization;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>
/// Step 1b: the control rules of the pack's <c>controls</c> section (DOMAIN.md §6), after the eligibility checks and
/// before any amount is computed: 长处方, non-insured goods, 串换, 重复购药, person velocity. A hit of a rule with action
/// Refuse refuses the swipe (the caller flags the refusal); a hit with action Flag is kept and settled with the swipe.
/// </summary>
public sealed partial class SettlementEngine
{
    private static (Rejection Rejection, ControlFinding Finding)? ApplyControls(SettlementWork w)
    {
        if (w.Policies.Controls is not { Controls: { } controls } pack)
        {
            return null;
        }

        var findings = new[]
        {
            controls.LongPrescription is { } prescription ? LongPrescription(w, prescription, pack) : null,
            controls.NonInsuredGoods is { } goods ? NonInsuredGoods(w, goods, pack) : null,
            controls.ItemSwapping is { } swapping ? ItemSwapping(w, swapping, pack) : null,
            controls.DuplicatePurchase is { } duplicate ? DuplicatePurchase(w, duplicate, pack) : null,
            controls.Velocity is { } velocity ? Velocity(w, velocity, pack) : null,
        };
        foreach (var finding in findings)
        {
            if (finding is null)
            {
                continue;
            }

            if (finding.Action == ControlAction.Refuse)
            {
                var rejection = Reject(RefusalCode(finding.Rule), $"{finding.Evidence} (pack {pack.Id})", pack);
                return (rejection, finding);
            }

            w.Findings.Add(finding);
            w.Trace.Add($"flagged {finding.Rule}: {finding.Evidence} (pack {pack.Id})");
        }

        return null;
    }

    private static ControlFinding? LongPrescription(SettlementWork w, LongPrescriptionRule rule, PolicyPack pack)
    {
        if (w.Visit.DiseaseCode is not { } disease || !rule.ChronicDiseaseCodes.Contains(disease))
        {
            return null;
        }

        var hits = w.Visit.FeeLines
            .Where(line => line.SupplyDays is { } days && days > rule.MaxSupplyDays)
            .Select(line => string.Create(CultureInfo.InvariantCulture, $"line {line.CatalogueCode}: {line.SupplyDays} days of supply for '{disease}' exceeds {rule.MaxSupplyDays} (controls.longPrescription.maxSupplyDays)"))
            .ToList();
        return Finding(ControlRule.LongPrescription, rule.Action, pack, hits);
    }

    private static ControlFinding? NonInsuredGoods(SettlementWork w, NonInsuredGoodsRule rule, PolicyPack pack)
    {
        if (w.Person.Scheme != Scheme.Employee || w.Policies.PersonalAccount is null
            || rule.ItemKindRules.FirstOrDefault(r => r.VisitType == w.Visit.Type) is not { } kinds)
        {
            return null;
        }

        var hits = w.Visit.FeeLines
            .Where(line => !kinds.AllowedItemKinds.Contains(line.ItemKind))
            .Select(line => $"line {line.CatalogueCode} '{line.Name}' is {line.ItemKind}, which the personal account may not buy on {kinds.VisitType}")
            .ToList();
        return Finding(ControlRule.NonInsuredGoods, rule.Action, pack, hits);
    }

    private static ControlFinding? ItemSwapping(SettlementWork w, ItemSwappingRule rule, PolicyPack pack)
    {
        var hits = new List<string>();
        foreach (var line in w.Visit.FeeLines)
        {
            if (rule.Catalogue.FirstOrDefault(e => e.Code == line.CatalogueCode) is not { } entry)
            {
                continue;
            }

            if (line.Class != entry.Class)
            {
                hits.Add($"line {line.CatalogueCode} is declared {line.Class} but the catalogue lists it as {entry.Class}");
            }

            // Unit price above the limit, without dividing: amount > limit × quantity (quantity 1 when not given).
            var quantity = line.Quantity is { } q && q > 0 ? q : 1m;
            if (entry.UnitPriceLimit is { } limit && line.Amount.Fen > limit.Fen * quantity)
            {
                var unit = new Money((long)decimal.Round(line.Amount.Fen / quantity, 0, MidpointRounding.AwayFromZero));
                hits.Add(string.Create(CultureInfo.InvariantCulture, $"line {line.CatalogueCode} costs {unit} a unit ({line.Amount} for {quantity}), above the catalogue limit {limit}"));
            }
        }

        return Finding(ControlRule.ItemSwapping, rule.Action, pack, hits);
    }

    private static ControlFinding? DuplicatePurchase(SettlementWork w, DuplicatePurchaseRule rule, PolicyPack pack)
    {
        if (!rule.VisitTypes.Contains(w.Visit.Type))
        {
            return null;
        }

        // Found without allocating: most purchases have no supply of the same item still running.
        List<HeldSupply>? running = null;
        var supplies = w.History.Supplies;
        for (var i = 0; i < supplies.Count; i++) // an index, not foreach: the list's enumerator would be an allocation
        {
            var supply = supplies[i];
            if (rule.VisitTypes.Contains(supply.VisitType) && supply.From <= w.Visit.Date && supply.Until > w.Visit.Date && Bought(supply.CatalogueCode))
            {
                (running ??= []).Add(supply);
            }
        }

        if (running is null)
        {
            return null;
        }

        var hits = running
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.CatalogueCode} was bought on {s.From:yyyy-MM-dd} at {s.InstitutionCode} ({s.SettlementId}) with {s.Days} days of supply, running through {s.Until.AddDays(-1):yyyy-MM-dd}"))
            .ToList();
        return Finding(ControlRule.DuplicatePurchase, rule.Action, pack, hits, running.Select(s => s.SettlementId));

        bool Bought(string catalogueCode)
        {
            var lines = w.Visit.FeeLines;
            for (var i = 0; i < lines.Count; i++)
            {
                if (string.Equals(lines[i].CatalogueCode, catalogueCode, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static ControlFinding? Velocity(SettlementWork w, VelocityRule rule, PolicyPack pack)
    {
        if (!rule.VisitTypes.Contains(w.Visit.Type))
        {
            return null;
        }

        // Counted without allocating: most swipes stay under the limits, and only a finding lists the swipes it counted.
        var window = TimeSpan.FromMinutes(rule.WindowMinutes);
        var history = w.History.Swipes;
        var swipes = 1;
        var institutions = 1;
        for (var i = 0; i < history.Count; i++)
        {
            if (Counted(history[i]))
            {
                swipes++;
                institutions += IsNewInstitution(i) ? 1 : 0;
            }
        }

        if (institutions <= rule.InstitutionsMax)
        {
            return null;
        }

        var refused = rule.RefuseSwipesMax is { } hardLimit && swipes > hardLimit;
        if (!refused && swipes <= rule.SwipesMax)
        {
            return null;
        }

        var limits = rule.RefuseSwipesMax is { } refuseAbove
            ? string.Create(CultureInfo.InvariantCulture, $"controls.velocity flags above {rule.SwipesMax} and refuses above {refuseAbove} swipes at more than {rule.InstitutionsMax} institutions")
            : string.Create(CultureInfo.InvariantCulture, $"controls.velocity flags above {rule.SwipesMax} swipes at more than {rule.InstitutionsMax} institutions");
        var evidence = string.Create(CultureInfo.InvariantCulture, $"{swipes} settled swipes ({string.Join(", ", rule.VisitTypes)}) at {institutions} institutions within {rule.WindowMinutes} minutes, this one included; {limits}");
        return new ControlFinding
        {
            Rule = ControlRule.PersonVelocity,
            Action = refused ? ControlAction.Refuse : ControlAction.Flag,
            PackId = pack.Id,
            Evidence = evidence,
            RelatedSettlementIds = CountedIds(),
        };

        string[] CountedIds()
        {
            var ids = new List<string>(swipes - 1);
            foreach (var swipe in history)
            {
                if (Counted(swipe))
                {
                    ids.Add(swipe.SettlementId);
                }
            }

            return [.. ids];
        }

        bool Counted(RecentSwipe swipe) => rule.VisitTypes.Contains(swipe.VisitType) && w.SwipedAt - swipe.SettledAt < window;

        // Whether the counted swipe at index i is at an institution that neither this swipe nor an earlier counted one is at.
        bool IsNewInstitution(int i)
        {
            var code = history[i].InstitutionCode;
            if (string.Equals(code, w.Institution.Code, StringComparison.Ordinal))
            {
                return false;
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals(history[j].InstitutionCode, code, StringComparison.Ordinal) && Counted(history[j]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static ControlFinding? Finding(ControlRule rule, ControlAction action, PolicyPack pack, List<string> hits, IEnumerable<string>? related = null) =>
        hits.Count == 0 ? null : new ControlFinding
        {
            Rule = rule,
            Action = action,
            PackId = pack.Id,
            Evidence = string.Join("; ", hits),
            RelatedSettlementIds = [.. (related ?? []).Distinct(StringComparer.Ordinal)],
        };

    private static RejectionCode RefusalCode(ControlRule rule) => rule switch
    {
        ControlRule.LongPrescription => RejectionCode.PrescriptionTooLong,
        ControlRule.NonInsuredGoods => RejectionCode.NonInsuredGoods,
        ControlRule.ItemSwapping => RejectionCode.ItemSwapping,
        ControlRule.DuplicatePurchase => RejectionCode.DuplicatePurchase,
        ControlRule.PersonVelocity => RejectionCode.PersonVelocity,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "not a per-swipe rule"),
    };

    /// <summary>The person's history with this settlement: its swipe and supplies when the pack's rules watch its visit type.</summary>
    private static ControlHistory HistoryAfter(SettlementWork w)
    {
        var controls = w.Policies.Controls?.Controls;
        var countSwipe = controls?.Velocity?.VisitTypes.Contains(w.Visit.Type) == true;
        var holdSupplies = controls?.DuplicatePurchase?.VisitTypes.Contains(w.Visit.Type) == true;
        return w.History.With(w.SettlementId ?? "", w.Institution.Code, w.Visit, w.SwipedAt, countSwipe, holdSupplies);
    }

    /// <summary>For an inpatient stay under a 协议病种 rule: agreed disease (its diagnosis is listed) or flat rate.</summary>
    private static InpatientCase? InpatientCaseOf(SettlementWork w)
    {
        if (w.Visit.Type != VisitType.Inpatient || w.Policies.Controls is not { Controls.AgreedDiseaseRatio: { } rule } pack)
        {
            return null;
        }

        return new InpatientCase
        {
            PackId = pack.Id,
            AgreedDisease = w.Visit.DiseaseCode is { } disease && rule.AgreedDiseaseCodes.Contains(disease),
            PeriodMonths = rule.PeriodMonths,
            RatioMax = rule.RatioMax,
            CasesMin = rule.CasesMin,
        };
    }
}
