using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Visits;

/// <summary>2203 visit information or 2402 discharge: fields left null are unchanged.</summary>
public sealed record VisitDetails
{
    public VisitType? Type { get; init; }
    /// <summary>Diagnosis / disease code (诊断).</summary>
    public string? DiseaseCode { get; init; }
    /// <summary>出院日期 discharge date (2402, inpatient only).</summary>
    public DateOnly? DischargeDate { get; init; }
}
