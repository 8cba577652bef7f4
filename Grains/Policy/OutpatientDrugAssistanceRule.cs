using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>磐安 style: poor psychiatric patients get a higher rate on outpatient drug self-pay.</summary>
public sealed record OutpatientDrugAssistanceRule
{
    public required IReadOnlyList<AssistanceStatus> Statuses { get; init; }

    public required IReadOnlyList<VisitType> VisitTypes { get; init; }

    public required IReadOnlyList<string> DiseaseCodes { get; init; }

    /// <summary>Fraction of the remaining in-scope self-pay (1.00 = 全额).</summary>
    public required decimal Rate { get; init; }
}
