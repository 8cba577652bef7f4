using System.Globalization;
using Medisettle.Grains.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Xunit;
using Xunit.Abstractions;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Policy;

/// <summary>
/// Property tests over many generated claims. The seed is printed; replay a failure with
/// <c>MEDISETTLE_SEED=&lt;seed&gt; dotnet test --filter SettlementPropertyTests</c>.
/// </summary>
public sealed class SettlementPropertyTests(ITestOutputHelper output)
{
    private const int PeopleCount = 300;
    private const int VisitsPerPersonMax = 14;

    private static readonly InstitutionLevel[] P0Levels = [InstitutionLevel.Tier1, InstitutionLevel.Tier2, InstitutionLevel.Tier3, InstitutionLevel.Community, InstitutionLevel.CountyOrHigher];
    private static readonly string[] Diseases = ["malignant-tumour", "hypertension", "diabetes", "end-stage-renal-disease", "peptic-ulcer"];
    private static readonly string[] MajorDiseases = ["cancer-chemoradiotherapy", "uraemia-dialysis", "post-transplant-antirejection"];

    [Fact]
    public void Parts_sum_caps_hold_and_cancels_restore_the_accumulators()
    {
        var seed = SeedFromEnvironmentOrRandom();
        output.WriteLine($"seed {seed} (replay: MEDISETTLE_SEED={seed})");
        var random = new Random(seed);
        int settled = 0, rejected = 0;
        for (var p = 0; p < PeopleCount; p++)
        {
            var (s, r) = RunPerson(random, p);
            settled += s;
            rejected += r;
        }

        output.WriteLine($"{settled} settlements, {rejected} rejections");
        Assert.True(settled > PeopleCount, $"seed {seed}: too few settlements ({settled}) to mean anything");
    }

    private static (int Settled, int Rejected) RunPerson(Random random, int index)
    {
        var (person, region) = RandomPerson(random, index);
        var start = YearToDate.Empty(region == "220722" ? 2007 : 2013);
        var ytd = start;
        var balance = new Money(random.NextInt64(0, 2_000_000));
        var initialBalance = balance;
        var applied = new List<SettlementBreakdown>();
        var rejected = 0;
        var visits = random.Next(1, VisitsPerPersonMax + 1);
        for (var v = 0; v < visits; v++)
        {
            var input = new EngineInput
            {
                Person = person,
                Institution = Hospital(region, region == "220722" ? Pick(random, [InstitutionLevel.Community, InstitutionLevel.CountyOrHigher]) : Pick(random, P0Levels)),
                Visit = RandomVisit(random, ytd.BenefitYear, v),
                YearToDate = ytd,
                PersonalAccountBalance = balance,
            };
            var result = Engine.Compute(input);
            if (!result.IsSettled)
            {
                rejected++;
                continue;
            }

            CheckSettlement(input, result);
            ytd = result.YearToDateAfter;
            balance = result.Breakdown.AccountBalanceAfter;
            applied.Add(result.Breakdown);
        }

        // Cancel everything in a random order: the accumulators and balance come back exactly.
        foreach (var b in applied.OrderBy(_ => random.Next()))
        {
            ytd = SettlementEngine.ReverseOnYear(ytd, b);
            balance = SettlementEngine.ReverseOnAccount(balance, b);
        }

        Assert.Equal(start, ytd);
        Assert.Equal(initialBalance, balance);
        return (applied.Count, rejected);
    }

    private static void CheckSettlement(EngineInput input, SettlementComputation result)
    {
        var b = result.Breakdown!;
        var before = input.YearToDate;
        Assert.Equal(b.TotalAmount, b.FundPaySum + b.AccountPaid + b.CashPaid);
        Assert.Equal(b.FundPaySum, new Money(b.FundLines.Sum(l => l.AmountPaid.Fen)));
        Assert.Equal(b.TotalAmount, b.FullOwnPay + b.OverLimitSelfPay + b.PreSelfPay + b.InScopeAmount);
        Assert.Equal(b.InScopeAmount, b.DeductibleCharged + b.FundsPaid.BasicPooled + b.PoolProportionSelfPay);
        Assert.False(b.CashPaid.IsNegative || b.AccountPaid.IsNegative || b.PoolProportionSelfPay.IsNegative);
        Assert.True(b.AccountPaid <= input.PersonalAccountBalance);
        foreach (var line in b.FundLines)
        {
            Assert.True(line.AmountPaid <= line.CapAmount || line.FundType == FundType.BasicPooled && b.VisitType == VisitType.SpecialDiseaseOutpatient, $"{line.FundType} paid {line.AmountPaid} beyond its remaining cap {line.CapAmount}");
        }

        CheckBasicCap(input, b);
        Assert.True(result.YearToDateAfter!.FundsPaid.CriticalIllness <= Y(150_000m));
        Assert.True(result.YearToDateAfter.FundsPaid.LargeAmount <= Y(130_000m));
        Assert.True(result.YearToDateAfter.FundsPaid.MedicalAssistance <= Y(30_000m));
        Assert.Equal(before with { }, result.YearToDateAfter.Reverse(b.Delta));
    }

    private static void CheckBasicCap(EngineInput input, SettlementBreakdown b)
    {
        if (b.VisitType == VisitType.SpecialDiseaseOutpatient || b.FundLines.Count == 0)
        {
            return;
        }

        var pack = Catalog.FindById(b.PackIds[0])!;
        var group = pack.Basic!.Groups.Single(g => g.Categories.Contains(input.Person.Category));
        if (group.CapBasis == CapBasis.FundPayment)
        {
            // The pooled fund never pays beyond the remaining cap.
            Assert.True(b.FundsPaid.BasicPooled <= (group.AnnualCap - input.YearToDate.FundsPaid.BasicPooled).AtLeastZero());
            Assert.True(input.YearToDate.FundsPaid.BasicPooled + b.FundsPaid.BasicPooled <= group.AnnualCap || b.FundsPaid.BasicPooled.IsZero);
        }
        else
        {
            // Eligible cost beyond the remaining room gets no basic payment (highest ratio 70%).
            var room = (group.AnnualCap - input.YearToDate.EligibleCostCounted).AtLeastZero();
            Assert.True(b.FundsPaid.BasicPooled <= room.ApplyRate(0.70m));
        }
    }

    private static (PersonProfile Person, string Region) RandomPerson(Random random, int index)
    {
        var kind = random.Next(4);
        var region = kind == 3 ? "220722" : "990001";
        var scheme = kind == 2 ? Scheme.Employee : Scheme.UrbanResident;
        var category = scheme == Scheme.Employee
            ? Pick(random, [PersonCategory.Employed, PersonCategory.Retired])
            : region == "220722" ? Pick(random, [PersonCategory.AdultResident, PersonCategory.StudentChild])
            : Pick(random, [PersonCategory.AdultResident, PersonCategory.StudentChild, PersonCategory.UniversityStudent]);
        var person = new PersonProfile
        {
            PersonId = "G" + index.ToString(CultureInfo.InvariantCulture),
            Scheme = scheme,
            Category = category,
            InsuredRegion = region,
            EnrolmentDate = new DateOnly(2000, 1, 1),
            PaymentDate = new DateOnly(2000, 1, 1),
            HasLargeAmountAddOn = random.Next(2) == 0,
            AssistanceStatuses = random.Next(3) == 0 ? [Pick(random, [AssistanceStatus.MinimumLivingAllowance, AssistanceStatus.ExtremePoverty, AssistanceStatus.FiveGuaranteesDispersed])] : [],
            SpecialDiseaseCertificates = random.Next(2) == 0 ? [Pick(random, Diseases)] : [],
        };
        return (person, region);
    }

    private static Visit RandomVisit(Random random, int year, int index)
    {
        var type = Pick(random, [VisitType.Inpatient, VisitType.Inpatient, VisitType.Inpatient, VisitType.OutpatientMajorDisease, VisitType.SpecialDiseaseOutpatient, VisitType.Accident, VisitType.Pharmacy, VisitType.Outpatient]);
        var date = new DateOnly(year, 1, 1).AddDays(random.Next(365));
        var lines = new FeeLine[random.Next(1, 7)];
        for (var i = 0; i < lines.Length; i++)
        {
            var amount = new Money(random.Next(4) == 0 ? random.NextInt64(0, 1_000) : random.NextInt64(0, 12_000_000));
            lines[i] = new FeeLine
            {
                CatalogueCode = "L" + i.ToString(CultureInfo.InvariantCulture),
                Class = Pick(random, [FeeClass.ClassA, FeeClass.ClassA, FeeClass.ClassB, FeeClass.ClassC]),
                Amount = amount,
                PriceLimit = random.Next(5) == 0 ? new Money(random.NextInt64(0, amount.Fen + 1)) : null,
                ItemKind = Pick(random, [ItemKind.ApprovedDrug, ItemKind.Service, ItemKind.MedicalDevice, ItemKind.ChineseHerbalPieces]),
            };
        }

        return new Visit
        {
            VisitId = "V" + index.ToString(CultureInfo.InvariantCulture),
            Type = type,
            IsTransfer = random.Next(4) == 0,
            Date = date,
            AdmissionDate = type == VisitType.Inpatient ? date : null,
            DiseaseCode = type == VisitType.OutpatientMajorDisease ? Pick(random, MajorDiseases) : Pick(random, Diseases),
            DeclaredTotal = new Money(lines.Sum(l => l.Amount.Fen)),
            FeeLines = lines,
        };
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static int SeedFromEnvironmentOrRandom() =>
        int.TryParse(Environment.GetEnvironmentVariable("MEDISETTLE_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();
}
