using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>Builders for engine tests: the shipped reference packs and plain people, institutions, visits.</summary>
internal static class Scenario
{
    public static readonly PolicyPackCatalog Catalog = PolicyPackLoader.LoadDirectory(PolicyPackLoader.DefaultDirectory);

    public static readonly SettlementEngine Engine = new(Catalog);

    /// <summary>The reference packs plus extra packs given as JSON (for regions the seeds give only one layer of).</summary>
    public static SettlementEngine EngineWith(params string[] extraPackJson)
    {
        var packs = Catalog.Packs.ToList();
        for (var i = 0; i < extraPackJson.Length; i++)
        {
            packs.Add(PolicyPackLoader.Parse(extraPackJson[i], $"extra-{i}.json"));
        }

        return new SettlementEngine(new PolicyPackCatalog(packs, Catalog.OffsitePairs));
    }

    public static PersonProfile Person(
        string region,
        Scheme scheme = Scheme.UrbanResident,
        PersonCategory category = PersonCategory.AdultResident,
        DateOnly? paid = null) => new()
        {
            PersonId = "P-" + region,
            Scheme = scheme,
            Category = category,
            InsuredRegion = region,
            EnrolmentDate = new DateOnly(2000, 1, 1),
            PaymentDate = paid ?? new DateOnly(2000, 1, 1),
        };

    public static PersonProfile Employee(string region) => Person(region, Scheme.Employee, PersonCategory.Employed);

    public static InstitutionProfile Hospital(string region, InstitutionLevel level) => new()
    {
        Code = $"H{region}{level}",
        Kind = InstitutionKind.Hospital,
        Level = level,
        Region = region,
        Designation = DesignationStatus.Active,
        Networked = true,
    };

    public static InstitutionProfile Pharmacy(string region) => new()
    {
        Code = $"D{region}",
        Kind = InstitutionKind.Pharmacy,
        Level = InstitutionLevel.Unrated,
        Region = region,
        Designation = DesignationStatus.Active,
        Networked = true,
    };

    public static FeeLine Line(decimal yuan, FeeClass feeClass = FeeClass.ClassA, ItemKind kind = ItemKind.Service, decimal? priceLimitYuan = null, int? supplyDays = null) => new()
    {
        CatalogueCode = $"C{feeClass}{kind}{yuan}",
        Name = kind.ToString(),
        Class = feeClass,
        Amount = Money.FromYuan(yuan),
        PriceLimit = priceLimitYuan is { } limit ? Money.FromYuan(limit) : null,
        ItemKind = kind,
        SupplyDays = supplyDays,
    };

    public static Visit Visit(VisitType type, DateOnly date, params FeeLine[] lines) => new()
    {
        VisitId = "V1",
        Type = type,
        Date = date,
        AdmissionDate = type == VisitType.Inpatient ? date : null,
        DeclaredTotal = new Money(lines.Sum(l => l.Amount.Fen)),
        FeeLines = lines,
    };

    public static Visit Inpatient(DateOnly date, decimal inScopeYuan) => Visit(VisitType.Inpatient, date, Line(inScopeYuan));

    public static EngineInput Input(PersonProfile person, InstitutionProfile institution, Visit visit, YearToDate? ytd = null, decimal accountYuan = 0) => new()
    {
        Person = person,
        Institution = institution,
        Visit = visit,
        YearToDate = ytd ?? YearToDate.Empty(visit.DecisionDate.Year),
        PersonalAccountBalance = Money.FromYuan(accountYuan),
    };

    public static SettlementBreakdown Settle(EngineInput input, SettlementEngine? engine = null)
    {
        var result = (engine ?? Engine).Compute(input);
        Assert.True(result.IsSettled, result.Rejection?.Message);
        return result.Breakdown;
    }

    public static Rejection Reject(EngineInput input, SettlementEngine? engine = null)
    {
        var result = (engine ?? Engine).Compute(input);
        Assert.False(result.IsSettled, "expected a rejection");
        return result.Rejection;
    }

    public static Money Y(decimal yuan) => Money.FromYuan(yuan);

    public static FundLine FundLineOf(SettlementBreakdown b, FundType type) => b.FundLines.Single(l => l.FundType == type);
}
