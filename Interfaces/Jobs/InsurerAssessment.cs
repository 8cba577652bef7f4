namespace Medisettle.Interfaces.Jobs;

/// <summary>
/// One 考评 finding against the insurer for a fund and year, deducted from its share at year end; journal entry
/// <c>insurer-assessment:{AssessmentId}</c>, once. Refused once the year is settled.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record InsurerAssessment
{
    /// <summary>The client's id (1–64 ASCII letters, digits, '-', '_'): recording it again changes nothing.</summary>
    [Id(0)] public required string AssessmentId { get; init; }

    /// <summary>The pooled fund of the agreement.</summary>
    [Id(1)] public required string Fund { get; init; }

    [Id(2)] public required int Year { get; init; }

    [Id(3)] public required InsurerAssessmentKind Kind { get; init; }

    [Id(4)] public required string Reason { get; init; }
}
