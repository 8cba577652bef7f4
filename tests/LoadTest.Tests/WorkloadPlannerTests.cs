using System.Globalization;
using Medisettle.Grains.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Workload;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class WorkloadPlannerTests
{
    private static readonly DemoPopulation Population = new(2_000, 100);
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Mix_proportions_match_the_weights_with_a_fixed_seed()
    {
        var planner = new WorkloadPlanner(Population, WorkloadMix.Default, 42, Start);
        var counts = new Dictionary<SwipeKind, int>();
        const int n = 20_000;
        for (var i = 0; i < n; i++)
        {
            var kind = planner.Next(i).Kind;
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        // Within 1.5 percentage points (about 4.5 standard deviations at n = 20,000); the seed makes it repeatable.
        Assert.InRange(counts[SwipeKind.Pharmacy] / (double)n, 0.435, 0.465);
        Assert.InRange(counts[SwipeKind.Outpatient] / (double)n, 0.285, 0.315);
        Assert.InRange(counts[SwipeKind.Inpatient] / (double)n, 0.085, 0.115);
        Assert.InRange(counts[SwipeKind.Cancel] / (double)n, 0.035, 0.065);
        Assert.InRange(counts[SwipeKind.Retry] / (double)n, 0.085, 0.115);
        Assert.Equal(n, counts.Values.Sum());
    }

    [Fact]
    public void The_same_seed_plans_the_same_swipes()
    {
        var a = new WorkloadPlanner(Population, WorkloadMix.Default, 7, Start);
        var b = new WorkloadPlanner(Population, WorkloadMix.Default, 7, Start);
        for (var i = 0; i < 500; i++)
        {
            var x = a.Next(i);
            var y = b.Next(i);
            Assert.Equal((x.Kind, x.PersonId, x.Fresh.MessageId, x.Fresh.Visit.DeclaredTotal), (y.Kind, y.PersonId, y.Fresh.MessageId, y.Fresh.Visit.DeclaredTotal));
        }
    }

    [Fact]
    public void Swipes_are_covered_by_the_demo_rules()
    {
        var planner = new WorkloadPlanner(Population, WorkloadMix.Default, 3, Start);
        var persons = Population.Persons.ToDictionary(p => p.PersonId);
        var institutions = Population.Institutions.ToDictionary(i => i.Code);
        for (var i = 0; i < 2_000; i++)
        {
            var plan = planner.Next(i);
            var visit = plan.Fresh.Visit;
            var person = persons[plan.PersonId];
            var institution = institutions[plan.Fresh.InstitutionCode];
            Assert.Equal("990001", person.InsuredRegion);
            Assert.Equal(visit.DeclaredTotal, visit.FeeLines.Aggregate(Interfaces.Money.Zero, (sum, line) => sum + line.Amount));
            switch (visit.Type)
            {
                case VisitType.Pharmacy:
                    Assert.Equal(Scheme.Employee, person.Scheme);
                    Assert.Equal(InstitutionKind.Pharmacy, institution.Kind);
                    break;
                case VisitType.Outpatient:
                    Assert.Equal(Scheme.Employee, person.Scheme);
                    Assert.NotEqual(InstitutionKind.Pharmacy, institution.Kind);
                    break;
                case VisitType.OutpatientMajorDisease:
                    Assert.NotEqual(Scheme.Employee, person.Scheme);
                    Assert.NotNull(visit.DiseaseCode);
                    break;
                default:
                    Assert.Equal(VisitType.Inpatient, visit.Type);
                    Assert.Equal(InstitutionKind.Hospital, institution.Kind);
                    Assert.NotNull(visit.AdmissionDate);
                    break;
            }
        }
    }

    [Fact]
    public void Message_ids_are_30_characters_and_unique()
    {
        var planner = new WorkloadPlanner(new DemoPopulation(2_000, 25), WorkloadMix.Default, 1, Start);
        var ids = new HashSet<string>();
        for (var i = 0; i < 150_000; i++)
        {
            var plan = planner.Next(i);
            Assert.Equal(30, plan.Fresh.MessageId.Length);
            Assert.True(ids.Add(plan.Fresh.InstitutionCode + plan.Fresh.MessageId));
            Assert.True(ids.Add(plan.Fresh.InstitutionCode + plan.SecondMessageId));
        }
    }

    [Fact]
    public void A_cancel_msgid_is_the_cancelling_institutions_platform_form_and_none_of_the_runs_other_msgids()
    {
        var planner = new WorkloadPlanner(new DemoPopulation(2_000, 25), WorkloadMix.Default, 1, Start);
        var plans = Enumerable.Range(0, 30_000).Select(i => planner.Next(i)).ToList();
        var others = plans.SelectMany(p => new[] { p.Fresh.MessageId, p.SecondMessageId }).ToHashSet();
        var institutions = plans.Select(p => p.Fresh.InstitutionCode).Distinct().ToList();

        var cancels = plans.SelectMany(p => institutions.Select(p.CancelMessageId)).ToList();

        Assert.All(cancels, id => Assert.Equal(30, id.Length));
        Assert.All(plans.Take(50), p => Assert.True(LedgerNames.IsPlatformForm(institutions[0], p.CancelMessageId(institutions[0]))));
        Assert.Equal(cancels.Count, cancels.Distinct().Count());
        Assert.DoesNotContain(cancels, others.Contains);
        Assert.Equal(Start.AddSeconds(-1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "0000", plans[0].CancelMessageTail);
    }
}
