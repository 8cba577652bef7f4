namespace Medisettle.LoadTest.Reports;

/// <summary>The result of <c>bench</c>: group commit and baseline runs on the same data, and their ratio.</summary>
public sealed record BenchReport
{
    public required string Storage { get; init; }

    public required RunReport GroupCommit { get; init; }

    public required RunReport Baseline { get; init; }

    /// <summary>Durable settlements/s with group commit ÷ without.</summary>
    public required double Ratio { get; init; }
}
