using System.Globalization;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>Step 1: checks on the fee lines, institution, region pair, person and visit type.</summary>
public sealed partial class SettlementEngine
{
    private static Rejection? CheckFeeLines(SettlementWork w)
    {
        var lines = w.Visit.FeeLines;
        if (w.Visit.AdmissionDate is { } admitted && admitted > w.Visit.Date)
        {
            return Reject(RejectionCode.InvalidVisit, string.Create(CultureInfo.InvariantCulture, $"visit {w.Visit.VisitId} admitted {admitted:yyyy-MM-dd} after its settlement date {w.Visit.Date:yyyy-MM-dd}"));
        }

        if (lines.Count == 0)
        {
            return Reject(RejectionCode.EmptySwipe, $"visit {w.Visit.VisitId} has no fee lines (空刷)");
        }

        if (lines.Count > Visit.FeeLinesMax)
        {
            return Reject(RejectionCode.InvalidFeeLine, $"visit {w.Visit.VisitId} has {lines.Count} fee lines; at most {Visit.FeeLinesMax}");
        }

        var sum = Money.Zero;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line.CatalogueCode) || line.Amount.IsNegative
                || line.PriceLimit is { IsNegative: true } || line.SupplyDays is < 0)
            {
                return Reject(RejectionCode.InvalidFeeLine, string.Create(CultureInfo.InvariantCulture, $"fee line {i} ('{line.CatalogueCode}') has a blank code or a negative amount, price limit or supply days (amount {line.Amount})"));
            }

            if (long.MaxValue - sum.Fen < line.Amount.Fen)
            {
                return Reject(RejectionCode.InvalidFeeLine, string.Create(CultureInfo.InvariantCulture, $"fee line {i} ('{line.CatalogueCode}') makes the total overflow"));
            }

            sum += line.Amount;
        }

        if (sum != w.Visit.DeclaredTotal)
        {
            return Reject(RejectionCode.FeeTotalMismatch, string.Create(CultureInfo.InvariantCulture, $"fee lines sum to {sum} but the declared total is {w.Visit.DeclaredTotal}"));
        }

        w.Total = sum;
        return null;
    }

    private Rejection? CheckInstitution(SettlementWork w)
    {
        var inst = w.Institution;
        switch (inst.Designation)
        {
            case DesignationStatus.Revoked:
                return Reject(RejectionCode.InstitutionRevoked, $"institution {inst.Code} designation is revoked");
            case DesignationStatus.Suspended:
                return Reject(RejectionCode.InstitutionSuspended, $"institution {inst.Code} agreement is suspended");
        }

        if (!inst.Networked || inst.NetworkedSince is { } since && since > w.Visit.Date)
        {
            return Reject(RejectionCode.InstitutionNotNetworked, string.Create(CultureInfo.InvariantCulture, $"institution {inst.Code} is not networked (联网) on {w.Visit.Date:yyyy-MM-dd}"));
        }

        if (!_catalog.IsOffsiteEnabled(w.Person.InsuredRegion, inst.Region, w.Visit.Date))
        {
            return Reject(RejectionCode.OffsitePairNotEnabled, string.Create(CultureInfo.InvariantCulture, $"cards of region {w.Person.InsuredRegion} may not settle in region {inst.Region} on {w.Visit.Date:yyyy-MM-dd} (off-site pair not enabled; claim manually)"));
        }

        return null;
    }

    private Rejection? SelectPolicies(SettlementWork w)
    {
        var person = w.Person;
        w.Policies = _catalog.Resolve(person.InsuredRegion, person.Scheme, w.DecisionDate);
        if (w.Policies.Basic is not { Basic: { } basic } basicPack)
        {
            return Reject(RejectionCode.NoApplicablePack, string.Create(CultureInfo.InvariantCulture, $"no pack with a basic section for region {person.InsuredRegion}, scheme {person.Scheme}, on {w.DecisionDate:yyyy-MM-dd}"));
        }

        w.BasicPack = basicPack;
        w.Basic = basic;
        w.UsePack(basicPack);
        w.BenefitYear = BenefitYearOf(w.DecisionDate, basicPack.BenefitYearStartMonth);
        if (w.Ytd.BenefitYear > w.BenefitYear)
        {
            throw new ArgumentException($"Accumulators of benefit year {w.Ytd.BenefitYear} passed for a settlement in benefit year {w.BenefitYear}; pass that year's accumulators.");
        }

        if (w.Ytd.BenefitYear < w.BenefitYear)
        {
            w.Ytd = YearToDate.Empty(w.BenefitYear);
        }

        w.Trace.Add(string.Create(CultureInfo.InvariantCulture, $"pack {basicPack.Id}: region {person.InsuredRegion}, scheme {person.Scheme}, decision date {w.DecisionDate:yyyy-MM-dd}, benefit year {w.BenefitYear}"));
        return null;
    }

    private static Rejection? CheckPerson(SettlementWork w)
    {
        var person = w.Person;
        var date = w.DecisionDate;
        if (date < person.EnrolmentDate || person.EnrolmentEndDate is { } end && date > end)
        {
            return Reject(RejectionCode.NotEnrolled, string.Create(CultureInfo.InvariantCulture, $"person {person.PersonId} is not enrolled on {date:yyyy-MM-dd}"));
        }

        if (person.BenefitsSuspended)
        {
            return Reject(RejectionCode.BenefitsSuspended, $"person {person.PersonId} has benefits suspended");
        }

        BenefitGroup? group = null;
        foreach (var candidate in w.Basic.Groups)
        {
            if (candidate.Categories.Contains(person.Category))
            {
                group = candidate;
                break;
            }
        }

        if (group is null)
        {
            return MissingRule(w.BasicPack, $"basic.groups has no group for category {person.Category}");
        }

        w.Group = group;
        var coveredFrom = person.PaymentDate.AddMonths(group.WaitingPeriodMonths);
        if (date < coveredFrom)
        {
            return Reject(RejectionCode.WaitingPeriod, string.Create(CultureInfo.InvariantCulture, $"waiting period: paid {person.PaymentDate:yyyy-MM-dd}, {group.WaitingPeriodMonths} months (pack {w.BasicPack.Id}, group '{group.Name}'), covered from {coveredFrom:yyyy-MM-dd}"), w.BasicPack);
        }

        return null;
    }

    private static Rejection? CheckCoverage(SettlementWork w)
    {
        var type = w.Visit.Type;
        var pack = w.BasicPack;
        if (w.Group.CoveredVisitTypes.Contains(type))
        {
            w.PoolCovered = true;
        }
        else if (w.Group.AccountOnlyVisitTypes.Contains(type) && AccountPays(w))
        {
            w.PoolCovered = false;
            return null;
        }
        else
        {
            return Reject(RejectionCode.NotCovered, $"visit type {type} is not covered for category {w.Person.Category} (pack {pack.Id}, group '{w.Group.Name}'): fund 0", pack);
        }

        if (type == VisitType.OutpatientMajorDisease && !w.Basic.MajorOutpatientDiseases.Any(d => d.Code == w.Visit.DiseaseCode))
        {
            return Reject(RejectionCode.NotCovered, $"disease '{w.Visit.DiseaseCode}' is not an outpatient major disease of pack {pack.Id}: fund 0", pack);
        }

        if (type == VisitType.SpecialDiseaseOutpatient)
        {
            if (w.Policies.SpecialDiseases is not { SpecialDiseases: { } special } specialPack)
            {
                return MissingRule(pack, $"no specialDiseases section for region {w.Person.InsuredRegion}, scheme {w.Person.Scheme}");
            }

            if (!special.Diseases.Any(d => d.Code == w.Visit.DiseaseCode))
            {
                return Reject(RejectionCode.NotCovered, $"disease '{w.Visit.DiseaseCode}' is not a special disease of pack {specialPack.Id}: fund 0", specialPack);
            }

            if (!w.Person.SpecialDiseaseCertificates.Contains(w.Visit.DiseaseCode!))
            {
                return Reject(RejectionCode.NoSpecialDiseaseCertificate, $"person {w.Person.PersonId} holds no certificate for special disease '{w.Visit.DiseaseCode}'", specialPack);
            }
        }

        return null;
    }

    private static bool AccountPays(SettlementWork w) =>
        w.Person.Scheme == Scheme.Employee
        && w.Policies.PersonalAccount is { PersonalAccount: { } account }
        && account.PayableVisitTypes.Contains(w.Visit.Type);
}
