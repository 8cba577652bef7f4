using System.Globalization;
using Medisettle.Grains.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;
using Medisettle.Interfaces.Ledger;

namespace Medisettle.Grains.Jobs;

/// <summary>
/// The rules of the insurer cooperation (政保合作, S2 第3篇 (三) and (六)), pure; the job grain and the auditor both use
/// them. Amounts are rounded to the fen half away from zero (<see cref="Money.ApplyRate"/>).
/// </summary>
public static class InsurerCooperation
{
    /// <summary>Stream of the completed runs (months and year-end settlements).</summary>
    public const string RunStream = "job:insurer-cooperation";

    /// <summary>Stream of the agreements and assessments recorded.</summary>
    public const string RecordStream = "job:insurer-cooperation:records";

    public static string Period(BusinessMonth month) => $"insurer-cooperation:{month}";

    public static string Period(int year) => $"insurer-cooperation:{year.ToString("D4", CultureInfo.InvariantCulture)}";

    public static string RunEntry(BusinessMonth month) => "job:" + Period(month);

    public static string RunEntry(int year) => "job:" + Period(year);

    public const string AgreementEntryPrefix = "insurer-agreement:";

    public static string AgreementEntry(string fund, int year) => $"{AgreementEntryPrefix}{fund}:{year.ToString("D4", CultureInfo.InvariantCulture)}";

    public static string AssessmentEntry(string assessmentId) => $"insurer-assessment:{assessmentId}";

    /// <summary>The risk account pool of <paramref name="fund"/>'s region and scheme.</summary>
    public static string RiskAccount(string fund)
    {
        var key = FundPoolKey.Parse(fund);
        return new FundPoolKey(key.Region, key.Scheme, FundPoolKey.InsurerRiskAccountFund).ToString();
    }

    /// <summary>合作标的: per-capita target × insured persons.</summary>
    public static Money Target(InsurerCooperationRule rule, int insuredPersons)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new Money(checked(rule.PerCapitaTarget.Fen * insuredPersons));
    }

    /// <summary>
    /// The month's line. <paramref name="spendingThroughMonth"/>: the fund's spending postings dated in the month's year up
    /// to its last day; <paramref name="previous"/>: the line of the month before in the year (null for January).
    /// Claims = that spending − the claims to date, never below 0. Premium: in January the most of the first premium,
    /// 1/12 of the target and the claims; later the claims (不少于收到保险赔付款的数额: the least allowed). From February
    /// the risk account's share (1 − insurer share) of premium − claims to date is pre-settled, less what was before.
    /// </summary>
    public static InsurerMonthLine MonthLine(
        string fund, string packId, InsurerCooperationRule rule, InsurerAgreement agreement, BusinessMonth month, Money spendingThroughMonth, InsurerMonthLine? previous)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(agreement);
        var target = Target(rule, agreement.InsuredPersons);
        var first = month.Month == 1;
        var claimsBefore = previous?.ClaimsToDate ?? Money.Zero;
        var claims = (spendingThroughMonth - claimsBefore).AtLeastZero();
        var premium = first
            ? Money.Max(Money.Max(rule.FirstPremium, new Money((long)Math.Round(target.Fen / 12m, 0, MidpointRounding.AwayFromZero))), claims)
            : claims;
        var claimsToDate = claimsBefore + claims;
        var premiumToDate = (previous?.PremiumToDate ?? Money.Zero) + premium;
        var preSettledBefore = previous?.PreSettledToDate ?? Money.Zero;
        var preSettlement = first ? Money.Zero : (premiumToDate - claimsToDate).ApplyRate(1m - rule.InsurerPreSettlementShare) - preSettledBefore;
        return new InsurerMonthLine
        {
            Fund = fund,
            RiskAccount = RiskAccount(fund),
            PackId = packId,
            Month = month,
            Target = target,
            RiskFund = first ? rule.RiskFundPerYear : Money.Zero,
            Claims = claims,
            Premium = premium,
            ClaimsToDate = claimsToDate,
            PremiumToDate = premiumToDate,
            PreSettlement = preSettlement,
            PreSettledToDate = preSettledBefore + preSettlement,
        };
    }

    /// <summary>
    /// The year-end settlement from December's line, the fund's spending dated in the year, and the assessments counted:
    /// the rest of the premium up to the target is paid; the result (total premium − the year's claims) is shared by the
    /// marginal bands up to the cap on the total premium (nothing beyond); the deductions come off the insurer's share;
    /// the final settlement is what the insurer holds of the year (result − pre-settled) beyond what it keeps.
    /// </summary>
    public static InsurerYearLine YearLine(
        string packId, InsurerCooperationRule rule, InsurerAgreement agreement, InsurerMonthLine december, Money yearSpending, int complaints, int missedWarnings)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(december);
        var target = Target(rule, agreement.InsuredPersons);
        var remaining = (target - december.PremiumToDate).AtLeastZero();
        var totalPremium = december.PremiumToDate + remaining;
        var result = totalPremium - yearSpending;
        var cap = totalPremium.ApplyRate(rule.BandCapPremiumRate);
        var magnitude = new Money(Math.Abs(result.Fen));
        var share = BandShare(rule.Bands, Money.Min(magnitude, cap), cap);
        var signedShare = result.IsNegative ? -share : share;
        var deductions = new Money(checked(rule.PerCapitaTarget.ApplyRate(rule.ComplaintDeductionRate).Fen * complaints))
            + new Money(checked(target.ApplyRate(rule.MissedWarningDeductionRate).Fen * missedWarnings));
        var net = signedShare - deductions;
        return new InsurerYearLine
        {
            Fund = agreement.Fund,
            RiskAccount = RiskAccount(agreement.Fund),
            PackId = packId,
            Year = agreement.Year,
            InsuredPersons = agreement.InsuredPersons,
            Target = target,
            RemainingPremium = remaining,
            TotalPremium = totalPremium,
            LateClaims = yearSpending - december.ClaimsToDate,
            TotalClaims = yearSpending,
            Result = result,
            BandCap = cap,
            Share = signedShare,
            Complaints = complaints,
            MissedWarnings = missedWarnings,
            Deductions = deductions,
            InsurerNet = net,
            PreSettled = december.PreSettledToDate,
            FinalSettlement = result - december.PreSettledToDate - net,
        };
    }

    /// <summary>Σ rate × the part of <paramref name="amount"/> in each band (分段计算,累计支付); the last band ends at <paramref name="cap"/>.</summary>
    public static Money BandShare(IReadOnlyList<InsurerShareBand> bands, Money amount, Money cap)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var share = Money.Zero;
        var below = Money.Zero;
        foreach (var band in bands)
        {
            var upTo = Money.Min(band.UpTo ?? cap, cap);
            if (amount <= below || upTo <= below)
            {
                break;
            }

            share += (Money.Min(amount, upTo) - below).ApplyRate(band.Rate);
            below = upTo;
        }

        return share;
    }

    /// <summary>The postings of a month's lines on the pooled funds and their risk accounts (zero amounts left out).</summary>
    public static IReadOnlyList<Posting> Postings(BusinessMonth month, IReadOnlyList<InsurerMonthLine> lines, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var period = Period(month);
        var postings = new List<Posting>();
        foreach (var line in lines)
        {
            Add(postings, period, month.LastDay, now, line.Fund, PostingKind.InsurerRiskFund, "risk-fund", line.RiskFund);
            Add(postings, period, month.LastDay, now, line.RiskAccount, PostingKind.Income, "risk-fund", line.RiskFund);
            Add(postings, period, month.LastDay, now, line.RiskAccount, PostingKind.InsurerPremium, "premium", line.Premium);
            Add(postings, period, month.LastDay, now, line.RiskAccount, PostingKind.Income, "claims", line.Claims);
            Add(postings, period, month.LastDay, now, line.RiskAccount, PostingKind.Income, "pre-settlement", line.PreSettlement);
        }

        return postings;
    }

    /// <summary>The postings of a year-end settlement's lines on the risk accounts (zero amounts left out).</summary>
    public static IReadOnlyList<Posting> Postings(int year, IReadOnlyList<InsurerYearLine> lines, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var period = Period(year);
        var postings = new List<Posting>();
        foreach (var line in lines)
        {
            var date = new DateOnly(year, 12, 31);
            Add(postings, period, date, now, line.RiskAccount, PostingKind.InsurerPremium, "premium", line.RemainingPremium);
            Add(postings, period, date, now, line.RiskAccount, PostingKind.Income, "claims", line.LateClaims);
            Add(postings, period, date, now, line.RiskAccount, PostingKind.Income, "settlement", line.FinalSettlement);
        }

        return postings;
    }

    /// <summary>What the risk account's income postings of a month line sum to: risk fund + claims + pre-settlement.</summary>
    public static Money RiskAccountIncome(InsurerMonthLine line) => line.RiskFund + line.Claims + line.PreSettlement;

    /// <summary>What the risk account's income postings of a year line sum to: late claims + the final settlement.</summary>
    public static Money RiskAccountIncome(InsurerYearLine line) => line.LateClaims + line.FinalSettlement;

    private static void Add(List<Posting> postings, string period, DateOnly date, DateTimeOffset now, string account, PostingKind kind, string part, Money amount)
    {
        if (amount.IsZero)
        {
            return;
        }

        postings.Add(new Posting
        {
            PostingId = $"post:{period}:{account}:{part}",
            SettlementId = period,
            Account = account,
            Kind = kind,
            Amount = amount,
            PersonId = "",
            InstitutionCode = "",
            SettlementDate = date,
            PostedAt = now,
        });
    }
}
