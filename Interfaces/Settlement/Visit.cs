namespace Medisettle.Interfaces.Settlement;


/// <summary>就诊 the visit being settled, with its fee lines.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Visit
{
    /// <summary>
    /// Most fee lines one visit may hold and one settlement may carry (an inpatient stay uploads many
    /// batches). The visit grain refuses an upload beyond it; the engine rejects a visit beyond it.
    /// </summary>
    public const int FeeLinesMax = 5_000;

    /// <summary>就诊ID (wire <c>mdtrt_id</c>).</summary>
    [Id(0)] public required string VisitId { get; init; }

    [Id(1)] public required VisitType Type { get; init; }

    /// <summary>转院 the person was transferred here with a transfer certificate.</summary>
    [Id(2)] public bool IsTransfer { get; init; }

    /// <summary>Settlement date (discharge date for an inpatient stay).</summary>
    [Id(3)] public required DateOnly Date { get; init; }

    /// <summary>入院日期 admission date; decides pack and benefit year for an inpatient stay.</summary>
    [Id(4)] public DateOnly? AdmissionDate { get; init; }

    /// <summary>Diagnosis / disease code (special disease, major outpatient disease, chronic condition).</summary>
    [Id(5)] public string? DiseaseCode { get; init; }

    /// <summary>医疗费总额 declared total; the fee lines must add up to it.</summary>
    [Id(6)] public required Money DeclaredTotal { get; init; }

    [Id(7)] public required IReadOnlyList<FeeLine> FeeLines { get; init; }

    /// <summary>The date that selects the pack and benefit year: admission date for inpatient stays.</summary>
    public DateOnly DecisionDate =>
        Type == VisitType.Inpatient && AdmissionDate is { } admitted ? admitted : Date;
}
