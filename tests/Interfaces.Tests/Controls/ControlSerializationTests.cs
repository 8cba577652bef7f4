using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace Medisettle.Interfaces.Tests.Controls;

/// <summary>Control flags, their reviews, queries and institution alerts cross grain calls unchanged (Orleans' generated serializers).</summary>
public sealed class ControlSerializationTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 15, 30, 123, TimeSpan.FromHours(8));

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void A_flag_view_with_its_resolution_round_trips_exactly()
    {
        var flag = new ControlFlag
        {
            FlagId = "S20260302000a1b2c0123456789abc-DuplicatePurchase",
            Rule = ControlRule.DuplicatePurchase,
            Action = ControlAction.Flag,
            PersonId = "99000100000000",
            InstitutionCode = "P99000100001",
            SettlementId = "S20260302000a1b2c0123456789abc",
            MessageId = "P990001000012026030210150001",
            VisitId = "MD0123456789ABCDEF0123456789AB",
            VisitDate = new DateOnly(2026, 3, 2),
            PackId = "P0-990001-employee",
            Evidence = "XA10BAA001 was bought on 2026-03-01 at P99000100000 (S1) with 14 days of supply, running through 2026-03-14",
            RelatedSettlementIds = ["S1"],
            RaisedAt = At,
        };
        var view = new FlagView
        {
            Flag = flag,
            Resolution = new FlagResolution { FlagId = flag.FlagId, InstitutionCode = flag.InstitutionCode, Decision = FlagDecision.Confirmed, Points = 2, Reason = "audit", ResolvedAt = At },
            PointsDeducted = true,
            Sequence = long.MaxValue,
        };

        var copy = RoundTrip(new FlagPage { Flags = [view], NextAfter = 42 });

        var viewCopy = Assert.Single(copy.Flags);
        Assert.Equal(flag.RelatedSettlementIds, viewCopy.Flag.RelatedSettlementIds);
        Assert.Equal(flag, viewCopy.Flag with { RelatedSettlementIds = flag.RelatedSettlementIds });
        Assert.Equal(view, viewCopy with { Flag = flag });
        Assert.Equal((FlagStatus.Confirmed, 42L), (viewCopy.Status, copy.NextAfter));
    }

    [Fact]
    public void Queries_results_findings_and_alerts_round_trip_exactly()
    {
        var query = new FlagQuery { Status = FlagStatus.Open, InstitutionCode = "P99000100001", PersonId = "99000100000000", Rule = ControlRule.PersonVelocity, AfterSequence = 7, Limit = 1_000 };
        var result = new FlagReviewResult { Outcome = FlagReviewOutcome.Conflict, Error = "already dismissed" };
        var finding = new ControlFinding { Rule = ControlRule.ItemSwapping, Action = ControlAction.Refuse, PackId = "P0", Evidence = "line X", RelatedSettlementIds = [] };
        var kase = new InpatientCase { PackId = "P0-990001-resident", AgreedDisease = true, PeriodMonths = 4, RatioMax = 1.25m, CasesMin = 20 };
        var tally = AgreedDiseaseTally.Empty(kase, new DateOnly(2026, 5, 9)).Count(true, 1);
        var alert = new InstitutionAlert
        {
            AlertId = "H99000100008-P0-990001-resident-202605",
            Rule = ControlRule.AgreedDiseaseRatio,
            PackId = kase.PackId,
            PeriodStart = tally.PeriodStart,
            PeriodEnd = tally.PeriodEnd,
            AgreedDiseaseCases = 11,
            FlatRateCases = 10,
            RatioMax = 1.25m,
            Evidence = "11 to 10",
            RaisedAt = At,
        };
        var posting = new Posting
        {
            PostingId = "post:S1:inst:H1",
            SettlementId = "S1",
            Account = "inst:H1",
            Kind = PostingKind.Settlement,
            Amount = new Money(100),
            PersonId = "P1",
            InstitutionCode = "H1",
            SettlementDate = new DateOnly(2026, 5, 9),
            PostedAt = At,
            InpatientCase = kase,
        };

        Assert.Equal(query, RoundTrip(query));
        Assert.Equal(result, RoundTrip(result));
        Assert.Equal(finding with { RelatedSettlementIds = [] }, RoundTrip(finding) with { RelatedSettlementIds = finding.RelatedSettlementIds });
        Assert.Equal(tally, RoundTrip(tally));
        Assert.Equal(alert, RoundTrip(alert));
        Assert.Equal(posting, RoundTrip(posting));
        foreach (var rule in Enum.GetValues<ControlRule>())
        {
            Assert.Equal(rule, RoundTrip(rule));
        }
    }

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<T>(serializer.SerializeToArray(value));
        Assert.NotNull(copy);
        return copy;
    }
}
