using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Interfaces.Visits;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace Medisettle.Interfaces.Tests;

/// <summary>
/// Values that cross grain calls survive Orleans' generated serializers unchanged. Records with a list compare the
/// list element-wise and then everything else by record equality (their generated Equals compares lists by reference).
/// </summary>
public sealed class SerializationRoundTripTests : IDisposable
{
    private static readonly DateTimeOffset AnsweredAt = new(2024, 3, 5, 10, 15, 30, 123, TimeSpan.FromHours(8));

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Settle_command_with_visit_and_fee_lines_round_trips_exactly()
    {
        var original = new SettleCommand
        {
            MessageId = "H33010200001-20240305-0001",
            InstitutionCode = "H33010200001",
            UseAccount = false,
            Visit = new Visit
            {
                VisitId = "MDT-0001",
                Type = VisitType.Inpatient,
                IsTransfer = true,
                Date = new DateOnly(2024, 3, 5),
                AdmissionDate = new DateOnly(2023, 12, 28),
                DiseaseCode = "M05.900",
                DeclaredTotal = new Money(1_234_567),
                FeeLines =
                [
                    new FeeLine
                    {
                        CatalogueCode = "XA01ABD075A001010101445",
                        Name = "阿莫西林胶囊",
                        Class = FeeClass.ClassB,
                        Quantity = 2.5m,
                        Amount = new Money(1_234_000),
                        PriceLimit = new Money(1_000_000),
                        ItemKind = ItemKind.ApprovedDrug,
                        SupplyDays = 30,
                    },
                    new FeeLine { CatalogueCode = "001102000010000", Class = FeeClass.ClassA, Amount = new Money(567) },
                ],
            },
        };

        var copy = RoundTrip(original);

        Assert.Equal(original.Visit.FeeLines, copy.Visit.FeeLines);
        Assert.Equal(original.Visit, copy.Visit with { FeeLines = original.Visit.FeeLines });
        Assert.Equal(original, copy with { Visit = original.Visit });
    }

    [Fact]
    public void Settlement_outcome_with_breakdown_round_trips_exactly()
    {
        var breakdown = Breakdown();
        var original = new SettlementOutcome
        {
            Status = SettlementStatus.Settled,
            SettlementId = "SETL-0001",
            Breakdown = breakdown,
            AnsweredAt = AnsweredAt,
        };

        var copy = RoundTrip(original);

        var copied = Assert.IsType<SettlementBreakdown>(copy.Breakdown);
        Assert.Equal(breakdown.PackIds, copied.PackIds);
        Assert.Equal(breakdown.FundLines, copied.FundLines);
        Assert.Equal(breakdown.Trace, copied.Trace);
        Assert.Equal(breakdown, copied with { PackIds = breakdown.PackIds, FundLines = breakdown.FundLines, Trace = breakdown.Trace });
        Assert.Equal(AnsweredAt.Offset, copy.AnsweredAt.Offset);
        Assert.Equal(original, copy with { Breakdown = breakdown });
    }

    [Fact]
    public void Rejected_outcome_keeps_its_code_and_null_breakdown()
    {
        var original = SettlementOutcome.Rejected(
            new Rejection { Code = RejectionCode.WaitingPeriod, Message = "inside the 90-day waiting period", PackId = "330100-2024" },
            AnsweredAt);

        var copy = RoundTrip(original);

        Assert.Equal(original, copy);
        Assert.Null(copy.Breakdown);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(511_500)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Money_round_trips_exactly(long fen)
    {
        Assert.Equal(new Money(fen), RoundTrip(new Money(fen)));
    }

    [Fact]
    public void Year_to_date_with_special_disease_amounts_round_trips_exactly()
    {
        var original = new YearToDate
        {
            BenefitYear = 2024,
            FundsPaid = new FundAmounts { BasicPooled = new Money(576_000), CriticalIllness = new Money(7), LargeAmount = new Money(3), MedicalAssistance = new Money(11) },
            EligibleCostCounted = new Money(1_000_000),
            YearlyDeductibleApplied = new Money(40_000),
            CriticalIllnessBase = new Money(424_000),
            SpecialDiseasePaid = [new SpecialDiseaseAmount("diabetes", new Money(10)), new SpecialDiseaseAmount("hypertension", new Money(300))],
        };

        var copy = RoundTrip(original);

        Assert.Equal(original, copy); // YearToDate's Equals compares the per-disease list element-wise
    }

    [Fact]
    public void Enum_carrying_records_round_trip_exactly()
    {
        var profile = new PersonProfile
        {
            PersonId = "33010219800101001X",
            Scheme = Scheme.MergedResident,
            Category = PersonCategory.StudentChild,
            AssistanceStatuses = [AssistanceStatus.MinimumLivingAllowance, AssistanceStatus.PoorPsychiatricPatient],
            SpecialDiseaseCertificates = ["diabetes"],
            InsuredRegion = "330102",
            EnrolmentDate = new DateOnly(2020, 1, 1),
            EnrolmentEndDate = new DateOnly(2030, 12, 31),
            PaymentDate = new DateOnly(2019, 12, 15),
            HasLargeAmountAddOn = true,
            BenefitsSuspended = true,
        };
        var refused = VisitOutcome.Refused(VisitRejectionCode.InstitutionMismatch, "registered by another institution");

        var profileCopy = RoundTrip(profile);
        var refusedCopy = RoundTrip(refused);

        Assert.Equal(profile.AssistanceStatuses, profileCopy.AssistanceStatuses);
        Assert.Equal(profile.SpecialDiseaseCertificates, profileCopy.SpecialDiseaseCertificates);
        Assert.Equal(profile, profileCopy with { AssistanceStatuses = profile.AssistanceStatuses, SpecialDiseaseCertificates = profile.SpecialDiseaseCertificates });
        Assert.Equal(refused, refusedCopy);
        Assert.Equal(VisitRejectionCode.InstitutionMismatch, refusedCopy.Rejection);
    }

    [Fact]
    public void Every_rejection_code_round_trips()
    {
        foreach (var code in Enum.GetValues<RejectionCode>())
        {
            Assert.Equal(code, RoundTrip(code));
        }
    }

    [Fact]
    public void Applied_posting_with_totals_and_fund_pool_key_round_trip_exactly()
    {
        var key = FundPoolKey.For("330102", Scheme.Employee, FundType.LargeAmount);
        var original = new AppliedPosting(long.MaxValue, new Posting
        {
            PostingId = "post:SETL-0001:inst:H33010200001:rev",
            SettlementId = "SETL-0001",
            Account = "inst:H33010200001",
            Kind = PostingKind.Reversal,
            Amount = new Money(-1_234_567),
            PersonId = "P0001",
            InstitutionCode = "H33010200001",
            SettlementDate = new DateOnly(2024, 3, 5),
            PostedAt = AnsweredAt,
            Totals = new SettlementTotals
            {
                MedicalFeeTotal = new Money(-1_234_567),
                FundPaid = new Money(-1_000_000),
                AccountPaid = new Money(-200_000),
                CashPaid = new Money(-34_567),
            },
        });

        Assert.Equal(original, RoundTrip(original));
        Assert.Equal(key, RoundTrip(key));
    }

    [Fact]
    public void Immutable_values_are_not_copied_between_grains()
    {
        var copier = _services.GetRequiredService<DeepCopier>();
        var breakdown = Breakdown();

        Assert.Same(breakdown, copier.Copy(breakdown));
    }

    private T RoundTrip<T>(T value)
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<T>(serializer.SerializeToArray(value));
        Assert.NotNull(copy);
        return copy;
    }

    private static SettlementBreakdown Breakdown() => new()
    {
        PersonId = "P0001",
        VisitId = "MDT-0001",
        VisitType = VisitType.SpecialDiseaseOutpatient,
        SettlementDate = new DateOnly(2024, 3, 5),
        BenefitYear = 2024,
        PackIds = ["330100-2024", "330100-2024-critical"],
        TotalAmount = new Money(1_000_000),
        FullOwnPay = new Money(10_000),
        OverLimitSelfPay = new Money(20_000),
        PreSelfPay = new Money(30_000),
        InScopeAmount = new Money(940_000),
        DeductibleCharged = new Money(80_000),
        FundsPaid = new FundAmounts { BasicPooled = new Money(600_000), CriticalIllness = new Money(50_000), LargeAmount = new Money(1), MedicalAssistance = new Money(2) },
        PoolProportionSelfPay = new Money(260_000),
        OtherPaid = Money.Zero,
        FundPaySum = new Money(650_003),
        PersonalPart = new Money(349_997),
        AccountPaid = new Money(300_000),
        CashPaid = new Money(49_997),
        AccountBalanceAfter = new Money(12_345),
        FundLines =
        [
            new FundLine { FundType = FundType.BasicPooled, InScopeAmount = new Money(940_000), CapAmount = new Money(40_000_000), AmountPaid = new Money(600_000), ProcessInfo = "basic: (940000 − 80000) × 70%" },
            new FundLine { FundType = FundType.CriticalIllness, InScopeAmount = new Money(260_000), CapAmount = new Money(30_000_000), AmountPaid = new Money(50_000), ProcessInfo = "critical illness" },
        ],
        Delta = new AccumulatorDelta
        {
            BenefitYear = 2024,
            FundsPaid = new FundAmounts { BasicPooled = new Money(600_000), CriticalIllness = new Money(50_000), LargeAmount = new Money(1), MedicalAssistance = new Money(2) },
            EligibleCostCounted = new Money(940_000),
            CriticalIllnessBase = new Money(260_000),
            SpecialDiseaseCode = "diabetes",
            SpecialDiseasePaid = new Money(600_000),
            AccountPaid = new Money(300_000),
        },
        Trace = ["pack 330100-2024: region 330102", "split: total 10000.00 = funds 6500.03 + account 3000.00 + cash 499.97"],
    };
}
