using Medisettle.Interfaces;
using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>Scratch state of one computation, filled step by step by the engine.</summary>
internal sealed class SettlementWork(EngineInput input)
{
    public PersonProfile Person { get; } = input.Person;

    public InstitutionProfile Institution { get; } = input.Institution;

    public Visit Visit { get; } = input.Visit;

    public YearToDate Ytd { get; set; } = input.YearToDate;

    public Money AccountBalance { get; } = input.PersonalAccountBalance;

    public ControlHistory History { get; } = input.History;

    public DateTimeOffset SwipedAt { get; } = input.SwipedAt;

    public string? SettlementId { get; } = input.SettlementId;

    /// <summary>Control rules that flagged the swipe (refusing rules end the computation instead).</summary>
    public List<ControlFinding> Findings { get; } = [];

    public DateOnly DecisionDate { get; } = input.Visit.DecisionDate;

    public int BenefitYear { get; set; }

    public PolicySet Policies { get; set; } = new();

    public PolicyPack BasicPack { get; set; } = null!;

    public BasicSection Basic { get; set; } = null!;

    public BenefitGroup Group { get; set; } = null!;

    /// <summary>True: the pooled fund and the layers above it take part; false: account and cash only.</summary>
    public bool PoolCovered { get; set; }

    public Money Total { get; set; }

    public Money FullOwnPay { get; set; }

    public Money OverLimit { get; set; }

    public Money PreSelfPay { get; set; }

    public Money InScope { get; set; }

    public Money Deductible { get; set; }

    public decimal Ratio { get; set; }

    public Money BasicPaid { get; set; }

    /// <summary>Basic payment on the normal path (counts against the basic cap).</summary>
    public Money BasicPaidCounted { get; set; }

    public Money EligibleCounted { get; set; }

    public Money YearlyDeductible { get; set; }

    /// <summary>What the basic fund would have paid beyond its cap, at the visit's ratio (大额 candidate).</summary>
    public Money OverCapAtRatio { get; set; }

    public string? SpecialDiseaseCode { get; set; }

    public Money SpecialDiseasePaid { get; set; }

    public Money LargeAmountPaid { get; set; }

    public Money CriticalIllnessBaseAdded { get; set; }

    public Money CriticalIllnessPaid { get; set; }

    public Money AssistancePaid { get; set; }

    public Money AccountPaid { get; set; }

    public List<FundLine> Lines { get; } = [];

    /// <summary>The funds' payments so far, with the given basic-fund amount (all basic, or only the cap-counted part).</summary>
    public FundAmounts FundsPaid(Money basicPooled) => new()
    {
        BasicPooled = basicPooled,
        LargeAmount = LargeAmountPaid,
        CriticalIllness = CriticalIllnessPaid,
        MedicalAssistance = AssistancePaid,
    };

    public List<string> Trace { get; } = [];

    public List<string> PackIds { get; } = [];

    public void UsePack(PolicyPack pack)
    {
        if (!PackIds.Contains(pack.Id))
        {
            PackIds.Add(pack.Id);
        }
    }
}
