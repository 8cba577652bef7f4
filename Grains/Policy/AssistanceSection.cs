using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>医疗救助: a share of the in-scope self-pay left after basic, 大额 and 大病.</summary>
public sealed record AssistanceSection
{
    public required IReadOnlyList<AssistanceStatus> Statuses { get; init; }

    /// <summary>Fraction; must be within 0.40–0.80.</summary>
    public required decimal Rate { get; init; }

    /// <summary>Per person per benefit year (yuan).</summary>
    public required Money AnnualCap { get; init; }

    /// <summary>Ningbo style: assistance only when the settlement's in-scope cost reaches this (yuan).</summary>
    public Money? MinEligibleCost { get; init; }

    public OutpatientDrugAssistanceRule? OutpatientDrugRule { get; init; }
}
