using System.Globalization;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>
/// The pure settlement calculator: no I/O, no clock, no shared mutable state. The waterfall of
/// DOMAIN.md §1: checks → fee classification → basic pooled fund (deductible, ratio, cap) →
/// 大额 → 大病 → medical assistance → personal account → cash. Expected refusals are
/// <see cref="Rejection"/> results; only a broken invariant (a bug) throws.
/// </summary>
/// <remarks>
/// Rounding: every fund amount is computed exactly and rounded once with
/// <see cref="Money.ApplyRate"/> (half away from zero); personal amounts are remainders, so the
/// parts always sum exactly to the total.
/// </remarks>
public sealed partial class SettlementEngine
{
    private readonly PolicyPackCatalog _catalog;

    public SettlementEngine(PolicyPackCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>Computes one settlement (also used for pre-settlement: nothing is committed here).</summary>
    public SettlementComputation Compute(EngineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.PersonalAccountBalance.IsNegative)
        {
            throw new ArgumentException($"Personal account balance {input.PersonalAccountBalance} is negative.", nameof(input));
        }

        var work = new SettlementWork(input);
        var rejection = CheckFeeLines(work)
            ?? CheckInstitution(work)
            ?? SelectPolicies(work)
            ?? CheckPerson(work)
            ?? CheckCoverage(work);
        if (rejection is not null)
        {
            return SettlementComputation.Rejected(rejection);
        }

        if (ApplyControls(work) is { } refusal)
        {
            return SettlementComputation.Refused(refusal.Rejection, refusal.Finding);
        }

        Classify(work);
        if (work.PoolCovered)
        {
            rejection = PayBasic(work) ?? PayLargeAmount(work) ?? PayCriticalIllness(work) ?? PayAssistance(work);
            if (rejection is not null)
            {
                return SettlementComputation.Rejected(rejection);
            }
        }
        else
        {
            work.Trace.Add(string.Create(CultureInfo.InvariantCulture, $"{work.Visit.Type}: settled from the personal account and cash only (accountOnlyVisitTypes of group '{work.Group.Name}')"));
        }

        PayAccount(work);
        return Build(work);
    }

    /// <summary>Cancels a settlement on the accumulators: the exact inverse of applying it.</summary>
    public static YearToDate ReverseOnYear(YearToDate yearToDate, SettlementBreakdown settled)
    {
        ArgumentNullException.ThrowIfNull(yearToDate);
        ArgumentNullException.ThrowIfNull(settled);
        return yearToDate.Reverse(settled.Delta);
    }

    /// <summary>Cancels a settlement on the personal-account balance (refunds what it paid).</summary>
    public static Money ReverseOnAccount(Money balance, SettlementBreakdown settled)
    {
        ArgumentNullException.ThrowIfNull(settled);
        return balance + settled.Delta.AccountPaid;
    }

    /// <summary>The benefit year a date falls in, for a pack's start month.</summary>
    public static int BenefitYearOf(DateOnly date, int startMonth) =>
        date.Month >= startMonth ? date.Year : date.Year - 1;

    private static SettlementComputation Build(SettlementWork w)
    {
        var fundSum = Money.Zero;
        foreach (var line in w.Lines)
        {
            fundSum += line.AmountPaid;
        }

        var personalPart = w.Total - fundSum;
        var cash = personalPart - w.AccountPaid;
        var poolSelfPay = w.InScope - w.Deductible - w.BasicPaid;
        CheckInvariants(w, fundSum, cash, poolSelfPay);
        var delta = new AccumulatorDelta
        {
            BenefitYear = w.BenefitYear,
            FundsPaid = w.FundsPaid(w.BasicPaidCounted),
            EligibleCostCounted = w.EligibleCounted,
            YearlyDeductibleApplied = w.YearlyDeductible,
            CriticalIllnessBase = w.CriticalIllnessBaseAdded,
            SpecialDiseaseCode = w.SpecialDiseaseCode,
            SpecialDiseasePaid = w.SpecialDiseasePaid,
            AccountPaid = w.AccountPaid,
        };
        w.Trace.Add(string.Create(CultureInfo.InvariantCulture, $"split: total {w.Total} = funds {fundSum} + account {w.AccountPaid} + cash {cash}"));
        var breakdown = new SettlementBreakdown
        {
            PersonId = w.Person.PersonId,
            VisitId = w.Visit.VisitId,
            VisitType = w.Visit.Type,
            SettlementDate = w.Visit.Date,
            BenefitYear = w.BenefitYear,
            PackIds = [.. w.PackIds],
            TotalAmount = w.Total,
            FullOwnPay = w.FullOwnPay,
            OverLimitSelfPay = w.OverLimit,
            PreSelfPay = w.PreSelfPay,
            InScopeAmount = w.InScope,
            DeductibleCharged = w.Deductible,
            FundsPaid = w.FundsPaid(w.BasicPaid),
            PoolProportionSelfPay = poolSelfPay,
            OtherPaid = Money.Zero,
            FundPaySum = fundSum,
            PersonalPart = personalPart,
            AccountPaid = w.AccountPaid,
            CashPaid = cash,
            AccountBalanceAfter = w.AccountBalance - w.AccountPaid,
            FundLines = [.. w.Lines],
            Delta = delta,
            Trace = [.. w.Trace],
            Flags = [.. w.Findings],
            InpatientCase = InpatientCaseOf(w),
        };
        return SettlementComputation.Settled(breakdown, w.Ytd.Apply(delta), HistoryAfter(w));
    }

    /// <summary>
    /// Money invariants, kept on in Release: a violation is a bug, never a result. A message is formatted only when its
    /// invariant is broken (they were formatted on every settlement before, amounts and all).
    /// </summary>
    private static void CheckInvariants(SettlementWork w, Money fundSum, Money cash, Money poolSelfPay)
    {
        var funds = w.BasicPaid + w.LargeAmountPaid + w.CriticalIllnessPaid + w.AssistancePaid;
        if (funds != fundSum)
        {
            Violated(string.Create(CultureInfo.InvariantCulture, $"fund lines {fundSum} differ from fund amounts {funds}"));
        }

        Assert(w.FullOwnPay + w.OverLimit + w.PreSelfPay + w.InScope == w.Total, "classification does not sum to the total");
        Assert(w.Total == fundSum + w.AccountPaid + cash, "split does not sum to the total");
        if (cash.IsNegative || w.AccountPaid.IsNegative || poolSelfPay.IsNegative)
        {
            Violated(string.Create(CultureInfo.InvariantCulture, $"negative part: cash {cash}, account {w.AccountPaid}, pool self-pay {poolSelfPay}"));
        }

        Assert(w.AccountPaid <= w.AccountBalance, "account paid more than its balance");
        Assert(w.BasicPaid + w.LargeAmountPaid + w.CriticalIllnessPaid + w.AssistancePaid <= w.InScope, "funds paid more than the in-scope amount");
        foreach (var line in w.Lines)
        {
            if (line.AmountPaid.IsNegative)
            {
                Violated($"{line.FundType} paid a negative amount");
            }
        }
    }

    private static void Assert(bool condition, string message)
    {
        if (!condition)
        {
            Violated(message);
        }
    }

    private static void Violated(string message) => throw new InvalidOperationException("Settlement invariant violated: " + message);

    private static Rejection Reject(RejectionCode code, string message, PolicyPack? pack = null) =>
        new() { Code = code, Message = message, PackId = pack?.Id };

    private static Rejection MissingRule(PolicyPack pack, string rule) =>
        Reject(RejectionCode.MissingRule, $"pack {pack.Id} ({pack.SourceFile}) has no rule: {rule}", pack);

    private static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
