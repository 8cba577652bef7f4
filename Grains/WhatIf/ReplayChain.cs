using Medisettle.Grains.Policy;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.WhatIf;

/// <summary>
/// One run's in-memory state of a person (what <c>PersonState</c> keeps live): accumulators by benefit year, the
/// personal-account balance, the control history. Changed only by the replay, never stored.
/// </summary>
internal sealed class ReplayChain
{
    private readonly Dictionary<int, YearToDate> _years = [];

    public Money AccountBalance { get; set; }

    public ControlHistory History { get; set; } = ControlHistory.Empty;

    /// <summary>As <c>PersonState</c>: the accumulators of the latest benefit year not after <paramref name="year"/>.</summary>
    public YearToDate YearToDateFor(int year) => YearToDate.LatestNotAfter(_years, year);

    public YearToDate? Year(int benefitYear) => _years.GetValueOrDefault(benefitYear);

    public void SetYear(YearToDate ytd) => _years[ytd.BenefitYear] = ytd;

    /// <summary>Takes a settlement's delta as recorded (a settlement not re-run in this chain).</summary>
    public void Apply(SettlementBreakdown breakdown)
    {
        var delta = breakdown.Delta;
        _years[delta.BenefitYear] = YearToDate.HeldOrEmpty(_years, delta.BenefitYear).Apply(delta);
        AccountBalance -= breakdown.AccountPaid;
    }

    /// <summary>Undoes a settlement exactly (as <c>PersonState.ReverseSettlement</c>).</summary>
    public void Reverse(SettlementBreakdown breakdown, string settlementId)
    {
        var delta = breakdown.Delta;
        _years[delta.BenefitYear] = SettlementEngine.ReverseOnYear(YearToDate.HeldOrEmpty(_years, delta.BenefitYear), breakdown);
        AccountBalance = SettlementEngine.ReverseOnAccount(AccountBalance, breakdown);
        History = History.Without(settlementId);
    }

    /// <summary>The engine input for a journaled settlement on this chain's state.</summary>
    public EngineInput InputFor(Medisettle.Interfaces.Ledger.SettlementRecord record)
    {
        var input = record.Input!;
        return new EngineInput
        {
            Person = input.Person,
            Institution = input.Institution,
            Visit = input.Visit,
            YearToDate = YearToDateFor(input.Visit.DecisionDate.Year),
            PersonalAccountBalance = input.UseAccount ? AccountBalance : Money.Zero,
            History = History,
            SwipedAt = record.SettledAt,
            SettlementId = record.SettlementId,
        };
    }

    /// <summary>Takes a re-run's result into the chain.</summary>
    public void Take(SettlementComputation computation, bool usedAccount)
    {
        SetYear(computation.YearToDateAfter!);
        if (usedAccount)
        {
            AccountBalance = computation.Breakdown!.AccountBalanceAfter;
        }

        History = computation.HistoryAfter ?? History;
    }
}
