using System.Globalization;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>Steps 2–3: fee classification and the basic pooled fund (deductible, ratio, cap).</summary>
public sealed partial class SettlementEngine
{
    private static void Classify(SettlementWork w)
    {
        Money fullOwn = Money.Zero, overLimit = Money.Zero, classB = Money.Zero;
        foreach (var line in w.Visit.FeeLines)
        {
            if (line.Class == FeeClass.ClassC)
            {
                fullOwn += line.Amount;
                continue;
            }

            var inLimit = line.Amount;
            if (line.PriceLimit is { } limit && line.Amount > limit)
            {
                overLimit += line.Amount - limit;
                inLimit = limit;
            }

            if (line.Class == FeeClass.ClassB)
            {
                classB += inLimit;
            }
        }

        w.FullOwnPay = fullOwn;
        w.OverLimit = overLimit;
        w.PreSelfPay = classB.ApplyRate(w.Basic.ClassBPreSelfPayRate);
        w.InScope = w.Total - fullOwn - overLimit - w.PreSelfPay;
        w.Trace.Add(string.Create(CultureInfo.InvariantCulture, $"classification ({w.BasicPack.Id} basic.classBPreSelfPayRate {Percent(w.Basic.ClassBPreSelfPayRate)}): total {w.Total} − 全自费 {fullOwn} − 超限价 {overLimit} − 乙类先行自付 {w.PreSelfPay} = in scope {w.InScope}"));
    }

    private static Rejection? PayBasic(SettlementWork w)
    {
        if (w.Visit.Type == VisitType.SpecialDiseaseOutpatient)
        {
            PaySpecialDisease(w);
            return null;
        }

        var rejection = FindDeductible(w, out var deductibleRule, out var mode);
        if (rejection is not null)
        {
            return rejection;
        }

        rejection = FindRatio(w, out var ratioRule);
        if (rejection is not null)
        {
            return rejection;
        }

        var remaining = mode == DeductibleMode.OncePerYear
            ? (deductibleRule - w.Ytd.YearlyDeductibleApplied).AtLeastZero()
            : deductibleRule;
        w.Deductible = Money.Min(remaining, w.InScope);
        if (mode == DeductibleMode.OncePerYear)
        {
            w.YearlyDeductible = w.Deductible;
        }

        w.Ratio = ratioRule!.Rate + w.Group.RatioAdjustment;
        w.EligibleCounted = w.InScope;
        var payableBase = w.InScope - w.Deductible;
        Money capRoom;
        string capText;
        if (w.Group.CapBasis == CapBasis.FundPayment)
        {
            capRoom = (w.Group.AnnualCap - w.Ytd.FundsPaid.BasicPooled).AtLeastZero();
            var uncapped = payableBase.ApplyRate(w.Ratio);
            w.BasicPaid = Money.Min(uncapped, capRoom);
            w.OverCapAtRatio = uncapped - w.BasicPaid;
            capText = string.Create(CultureInfo.InvariantCulture, $"cap {w.Group.AnnualCap} on fund payment, paid this year {w.Ytd.FundsPaid.BasicPooled}, room {capRoom}");
        }
        else
        {
            capRoom = (w.Group.AnnualCap - w.Ytd.EligibleCostCounted).AtLeastZero();
            var withinCap = (Money.Min(w.InScope, capRoom) - w.Deductible).AtLeastZero();
            w.BasicPaid = withinCap.ApplyRate(w.Ratio);
            w.OverCapAtRatio = (payableBase - withinCap).ApplyRate(w.Ratio);
            capText = string.Create(CultureInfo.InvariantCulture, $"cap {w.Group.AnnualCap} on eligible cost, counted this year {w.Ytd.EligibleCostCounted}, room {capRoom}, payable within cap {withinCap}");
        }

        w.BasicPaidCounted = w.BasicPaid;
        var info = string.Create(CultureInfo.InvariantCulture, $"{w.BasicPack.Id} basic group '{w.Group.Name}': in scope {w.InScope} − deductible {w.Deductible} ({w.Institution.Level}, {mode}) = {payableBase} × {Percent(w.Ratio)} ({(w.Visit.IsTransfer ? "transfer" : "in-county")}{RatioNote(w)}); {capText} → {w.BasicPaid}");
        AddLine(w, FundType.BasicPooled, w.InScope, capRoom, w.BasicPaid, info);
        return null;
    }

    private static string RatioNote(SettlementWork w) =>
        w.Group.RatioAdjustment == 0m ? "" : string.Create(CultureInfo.InvariantCulture, $", group adjustment {Percent(w.Group.RatioAdjustment)}");

    private static Rejection? FindDeductible(SettlementWork w, out Money amount, out DeductibleMode mode)
    {
        amount = Money.Zero;
        var modeRule = w.Basic.DeductibleModes.FirstOrDefault(m => m.VisitType == w.Visit.Type);
        if (modeRule is null)
        {
            mode = DeductibleMode.None;
            return MissingRule(w.BasicPack, $"basic.deductibleModes has no entry for visit type {w.Visit.Type}");
        }

        mode = modeRule.Mode;
        if (w.Group.DeductibleExempt || mode == DeductibleMode.None)
        {
            mode = DeductibleMode.None;
            return null;
        }

        var level = w.Institution.Level;
        var rule = w.Basic.Deductibles.FirstOrDefault(d => d.Levels.Contains(level));
        if (rule is null)
        {
            return MissingRule(w.BasicPack, $"basic.deductibles has no deductible for institution level {level}");
        }

        amount = rule.Amount;
        return null;
    }

    private static Rejection? FindRatio(SettlementWork w, out RatioRule? rule)
    {
        var level = w.Institution.Level;
        var transfer = w.Visit.IsTransfer;
        rule = w.Basic.Ratios.FirstOrDefault(r => r.Transfer == transfer && r.Levels.Contains(level));
        return rule is null
            ? MissingRule(w.BasicPack, $"basic.ratios has no ratio for institution level {level}, transfer {transfer}")
            : null;
    }

    private static void PaySpecialDisease(SettlementWork w)
    {
        var pack = w.Policies.SpecialDiseases!;
        w.UsePack(pack);
        var code = w.Visit.DiseaseCode!;
        var rule = pack.SpecialDiseases!.Diseases.First(d => d.Code == code);
        var paidBefore = w.Ytd.SpecialDiseasePaidFor(code);
        var uncapped = w.InScope.ApplyRate(rule.Rate);
        var room = rule.AnnualCap is { } cap ? (cap - paidBefore).AtLeastZero() : uncapped;
        w.Ratio = rule.Rate;
        w.BasicPaid = Money.Min(uncapped, room);
        w.SpecialDiseaseCode = code;
        w.SpecialDiseasePaid = w.BasicPaid;
        var capText = rule.AnnualCap is { } c ? string.Create(CultureInfo.InvariantCulture, $"annual cap {c}, paid this year {paidBefore}, room {room}") : "no annual cap";
        var info = string.Create(CultureInfo.InvariantCulture, $"{pack.Id} specialDiseases '{code}' {rule.Name}: in scope {w.InScope} × {Percent(rule.Rate)} = {uncapped}; {capText} → {w.BasicPaid}");
        AddLine(w, FundType.BasicPooled, w.InScope, room, w.BasicPaid, info);
    }

    private static void AddLine(SettlementWork w, FundType type, Money inScope, Money cap, Money paid, string info)
    {
        w.Lines.Add(new FundLine { FundType = type, InScopeAmount = inScope, CapAmount = cap, AmountPaid = paid, ProcessInfo = info });
        w.Trace.Add(info);
    }
}
