using System.Globalization;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>
/// Checks one pack's numbers after parsing. Every failure throws a <see cref="PolicyPackException"/>
/// naming the file, the JSON path and the value. Cross-pack rules (overlaps) live in the catalog.
/// </summary>
internal static partial class PolicyPackValidator
{
    /// <summary>医疗救助 general rate band (Gansu rule, S3 §1): 40%–80%.</summary>
    internal const decimal AssistanceRateMin = 0.40m;

    internal const decimal AssistanceRateMax = 0.80m;

    /// <summary>Longest waiting period accepted, in months.</summary>
    internal const int WaitingPeriodMonthsMax = 24;

    public static void Validate(PolicyPack pack, string file)
    {
        Require(file, "$.id", pack.Id, !string.IsNullOrWhiteSpace(pack.Id), "must not be blank");
        RequireRegion(file, "$.region", pack.Region);
        Require(file, "$.schemes", "[]", pack.Schemes.Count > 0, "at least one scheme");
        Require(file, "$.source", pack.Source, !string.IsNullOrWhiteSpace(pack.Source), "must name the seed and section");
        if (pack.EffectiveTo is { } to)
        {
            Require(file, "$.effectiveTo", Text(to), to >= pack.EffectiveFrom, $"before effectiveFrom {Text(pack.EffectiveFrom)}");
        }

        Require(file, "$.benefitYearStartMonth", Text(pack.BenefitYearStartMonth), pack.BenefitYearStartMonth is >= 1 and <= 12, "must be 1–12");
        Require(file, "$", pack.Id, HasAnySection(pack), "a pack needs at least one section");
        if (pack.Basic is { } basic)
        {
            ValidateBasic(basic, file);
        }

        if (pack.LargeAmount is { } large)
        {
            NotNegative(file, "$.largeAmount.annualCap", large.AnnualCap);
            NotNegative(file, "$.largeAmount.annualPremium", large.AnnualPremium);
        }

        if (pack.CriticalIllness is { } critical)
        {
            ValidateCriticalIllness(critical, file);
        }

        if (pack.SpecialDiseases is { } special)
        {
            ValidateSpecialDiseases(special, file);
        }

        if (pack.Assistance is { } assistance)
        {
            ValidateAssistance(assistance, file);
        }

        ValidateAccount(pack, file);
        if (pack.Controls is { } controls)
        {
            ValidateControls(controls, file);
        }

        if (pack.FundJobs?.RiskReserve is { } reserve)
        {
            Fraction(file, "$.fundJobs.riskReserve.incomeRate", reserve.IncomeRate);
            Fraction(file, "$.fundJobs.riskReserve.capRate", reserve.CapRate);
            Require(file, "$.fundJobs.riskReserve.capRate", Text(reserve.CapRate), reserve.CapRate >= reserve.IncomeRate, $"must not be below incomeRate {Text(reserve.IncomeRate)}");
        }

        if (pack.FundJobs?.SecondaryCompensation is { } compensation)
        {
            Fraction(file, "$.fundJobs.secondaryCompensation.retainedRate", compensation.RetainedRate);
            Fraction(file, "$.fundJobs.secondaryCompensation.rate", compensation.Rate);
            NotNegative(file, "$.fundJobs.secondaryCompensation.selfPayFrom", compensation.SelfPayFrom);
            Require(file, "$.fundJobs.secondaryCompensation.selfPayTo", compensation.SelfPayTo.ToString(), compensation.SelfPayTo > compensation.SelfPayFrom, $"must be above selfPayFrom {compensation.SelfPayFrom}");
        }

        if (pack.FundJobs?.InsurerCooperation is { } insurer)
        {
            ValidateInsurerCooperation(insurer, file);
        }
    }

    private static void ValidateInsurerCooperation(InsurerCooperationRule rule, string file)
    {
        const string path = "$.fundJobs.insurerCooperation";
        Require(file, path + ".insurer", rule.Insurer ?? "", !string.IsNullOrWhiteSpace(rule.Insurer), "must name the insurer");
        Require(file, path + ".perCapitaTarget", rule.PerCapitaTarget.ToString(), rule.PerCapitaTarget > Money.Zero, "must be positive");
        NotNegative(file, path + ".riskFundPerYear", rule.RiskFundPerYear);
        NotNegative(file, path + ".firstPremium", rule.FirstPremium);
        Fraction(file, path + ".insurerPreSettlementShare", rule.InsurerPreSettlementShare);
        Fraction(file, path + ".bandCapPremiumRate", rule.BandCapPremiumRate);
        Fraction(file, path + ".complaintDeductionRate", rule.ComplaintDeductionRate);
        Fraction(file, path + ".missedWarningDeductionRate", rule.MissedWarningDeductionRate);
        var bands = rule.Bands ?? [];
        Require(file, path + ".bands", "[]", bands.Count > 0, "at least one band");
        var below = Money.Zero;
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            Fraction(file, $"{path}.bands[{i}].rate", band.Rate);
            if (i == bands.Count - 1)
            {
                Require(file, $"{path}.bands[{i}].upTo", band.UpTo?.ToString() ?? "null", band.UpTo is null, "must be absent on the last band (it runs to bandCapPremiumRate of the total premium)");
            }
            else
            {
                Require(file, $"{path}.bands[{i}].upTo", band.UpTo?.ToString() ?? "null", band.UpTo is { } upTo && upTo > below, $"must be given and above the band before ({below})");
                below = band.UpTo ?? below;
            }
        }
    }

    private static bool HasAnySection(PolicyPack p) =>
        p.Basic is not null || p.LargeAmount is not null || p.CriticalIllness is not null || p.SpecialDiseases is not null
        || p.Assistance is not null || p.PersonalAccount is not null || p.Controls is not null || p.FundJobs is not null;

    private static void ValidateBasic(BasicSection basic, string file)
    {
        Fraction(file, "$.basic.classBPreSelfPayRate", basic.ClassBPreSelfPayRate);
        var seenLevels = new HashSet<InstitutionLevel>();
        for (var i = 0; i < basic.Deductibles.Count; i++)
        {
            var rule = basic.Deductibles[i];
            var path = $"$.basic.deductibles[{i}]";
            NotNegative(file, path + ".amount", rule.Amount);
            Require(file, path + ".levels", "[]", rule.Levels.Count > 0, "at least one level");
            foreach (var level in rule.Levels)
            {
                Require(file, path + ".levels", level.ToString(), seenLevels.Add(level), "level has two deductibles");
            }
        }

        var seenModes = new HashSet<VisitType>();
        for (var i = 0; i < basic.DeductibleModes.Count; i++)
        {
            var mode = basic.DeductibleModes[i];
            Require(file, $"$.basic.deductibleModes[{i}].visitType", mode.VisitType.ToString(), seenModes.Add(mode.VisitType), "visit type listed twice");
        }

        var seenRatios = new HashSet<(InstitutionLevel, bool)>();
        for (var i = 0; i < basic.Ratios.Count; i++)
        {
            var rule = basic.Ratios[i];
            var path = $"$.basic.ratios[{i}]";
            Fraction(file, path + ".rate", rule.Rate);
            Require(file, path + ".levels", "[]", rule.Levels.Count > 0, "at least one level");
            foreach (var level in rule.Levels)
            {
                Require(file, path + ".levels", level.ToString(), seenRatios.Add((level, rule.Transfer)), "level and transfer flag have two ratios");
            }
        }

        ValidateGroups(basic, file);
    }

    private static void ValidateGroups(BasicSection basic, string file)
    {
        Require(file, "$.basic.groups", "[]", basic.Groups.Count > 0, "at least one group");
        var seenCategories = new HashSet<PersonCategory>();
        for (var i = 0; i < basic.Groups.Count; i++)
        {
            var group = basic.Groups[i];
            var path = $"$.basic.groups[{i}]";
            Require(file, path + ".categories", "[]", group.Categories.Count > 0, "at least one category");
            foreach (var category in group.Categories)
            {
                Require(file, path + ".categories", category.ToString(), seenCategories.Add(category), "category is in two groups");
            }

            Require(file, path + ".waitingPeriodMonths", Text(group.WaitingPeriodMonths), group.WaitingPeriodMonths is >= 0 and <= WaitingPeriodMonthsMax, $"must be 0–{WaitingPeriodMonthsMax}");
            NotNegative(file, path + ".annualCap", group.AnnualCap);
            foreach (var type in group.AccountOnlyVisitTypes)
            {
                Require(file, path + ".accountOnlyVisitTypes", type.ToString(), !group.CoveredVisitTypes.Contains(type), "also in coveredVisitTypes");
            }

            foreach (var ratio in basic.Ratios)
            {
                var adjusted = ratio.Rate + group.RatioAdjustment;
                Require(file, path + ".ratioAdjustment", Text(group.RatioAdjustment), adjusted is >= 0m and <= 1m, $"ratio {Text(ratio.Rate)} adjusted to {Text(adjusted)} is outside 0–1");
            }
        }

        for (var i = 0; i < basic.MajorOutpatientDiseases.Count; i++)
        {
            var disease = basic.MajorOutpatientDiseases[i];
            Require(file, $"$.basic.majorOutpatientDiseases[{i}].code", disease.Code, !string.IsNullOrWhiteSpace(disease.Code), "must not be blank");
        }
    }

    private static void ValidateCriticalIllness(CriticalIllnessSection section, string file)
    {
        NotNegative(file, "$.criticalIllness.threshold", section.Threshold);
        Require(file, "$.criticalIllness.bandSets", "[]", section.BandSets.Count > 0, "at least one band set");
        var seenCategories = new HashSet<PersonCategory>();
        for (var s = 0; s < section.BandSets.Count; s++)
        {
            var set = section.BandSets[s];
            var path = $"$.criticalIllness.bandSets[{s}]";
            foreach (var category in set.Categories)
            {
                Require(file, path + ".categories", category.ToString(), seenCategories.Add(category), "category is in two band sets");
            }

            if (set.AnnualCap is { } cap)
            {
                NotNegative(file, path + ".annualCap", cap);
            }

            ValidateBands(set, file, path);
        }
    }

    private static void ValidateBands(CriticalIllnessBandSet set, string file, string path)
    {
        Require(file, path + ".bands", "[]", set.Bands.Count > 0, "at least one band");
        var expectedFrom = Money.Zero;
        for (var b = 0; b < set.Bands.Count; b++)
        {
            var band = set.Bands[b];
            var bandPath = $"{path}.bands[{b}]";
            Require(file, bandPath + ".from", band.From.ToString(), band.From == expectedFrom, $"bands must be contiguous from 0; expected {expectedFrom}");
            Fraction(file, bandPath + ".rate", band.Rate);
            if (band.To is { } to)
            {
                Require(file, bandPath + ".to", to.ToString(), to > band.From, "must be above from");
                expectedFrom = to;
            }
            else
            {
                Require(file, bandPath + ".to", "null", b == set.Bands.Count - 1, "only the last band may be unbounded");
                Require(file, path + ".annualCap", "null", set.AnnualCap is not null, "an unbounded top band needs an annual cap");
            }
        }
    }

    private static void ValidateSpecialDiseases(SpecialDiseaseSection section, string file)
    {
        Require(file, "$.specialDiseases.diseases", "[]", section.Diseases.Count > 0, "at least one disease");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < section.Diseases.Count; i++)
        {
            var disease = section.Diseases[i];
            var path = $"$.specialDiseases.diseases[{i}]";
            Require(file, path + ".code", disease.Code, !string.IsNullOrWhiteSpace(disease.Code) && seen.Add(disease.Code), "blank or listed twice");
            Fraction(file, path + ".rate", disease.Rate);
            if (disease.AnnualCap is { } cap)
            {
                NotNegative(file, path + ".annualCap", cap);
            }
        }
    }

    private static void ValidateAssistance(AssistanceSection section, string file)
    {
        Require(file, "$.assistance.statuses", "[]", section.Statuses.Count > 0, "at least one status");
        Require(file, "$.assistance.rate", Text(section.Rate), section.Rate is >= AssistanceRateMin and <= AssistanceRateMax, $"assistance rate must be within {Text(AssistanceRateMin)}–{Text(AssistanceRateMax)}");
        NotNegative(file, "$.assistance.annualCap", section.AnnualCap);
        if (section.MinEligibleCost is { } min)
        {
            NotNegative(file, "$.assistance.minEligibleCost", min);
        }

        if (section.OutpatientDrugRule is { } drug)
        {
            Fraction(file, "$.assistance.outpatientDrugRule.rate", drug.Rate);
            Require(file, "$.assistance.outpatientDrugRule.statuses", "[]", drug.Statuses.Count > 0, "at least one status");
        }
    }

    private static void ValidateAccount(PolicyPack pack, string file)
    {
        if (pack.PersonalAccount is { } account)
        {
            Require(file, "$.personalAccount.payableVisitTypes", "[]", account.PayableVisitTypes.Count > 0, "at least one visit type");
        }
    }

    private static void RequireRegion(string file, string path, string region) =>
        Require(file, path, region, region is { Length: 6 } && region.All(char.IsAsciiDigit), "must be a six-digit admdvs code");

    private static void Fraction(string file, string path, decimal rate) =>
        Require(file, path, Text(rate), rate is >= 0m and <= 1m, "must be a fraction 0–1");

    private static void NotNegative(string file, string path, Money amount) =>
        Require(file, path, amount.ToString(), !amount.IsNegative, "must not be negative");

    private static void Require(string file, string path, string value, bool condition, string reason)
    {
        if (!condition)
        {
            throw new PolicyPackException(file, path, value, reason);
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
