using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Visits;

/// <summary>2203 visit information or 2402 discharge: fields left null are unchanged.</summary>
[GenerateSerializer]
[Immutable]
public sealed record VisitDetails
{
    [Id(0)] public VisitType? Type { get; init; }
    /// <summary>Diagnosis / disease code (诊断).</summary>
    [Id(1)] public string? DiseaseCode { get; init; }
    /// <summary>出院日期 discharge date (2402, inpatient only).</summary>
    [Id(2)] public DateOnly? DischargeDate { get; init; }
}
