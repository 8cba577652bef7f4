namespace Medisettle.LoadTest.Workload;

/// <summary>Relative weights of the swipe kinds (any non-negative numbers; they are normalised).</summary>
public sealed record WorkloadMix
{
    /// <summary>Pharmacy 45 %, outpatient 30 %, inpatient 10 %, cancels 5 %, retries 10 %.</summary>
    public static WorkloadMix Default { get; } = new();

    public double Pharmacy { get; init; } = 45;

    public double Outpatient { get; init; } = 30;

    public double Inpatient { get; init; } = 10;

    public double Cancel { get; init; } = 5;

    public double Retry { get; init; } = 10;

    public double WeightOf(SwipeKind kind) => kind switch
    {
        SwipeKind.Pharmacy => Pharmacy,
        SwipeKind.Outpatient => Outpatient,
        SwipeKind.Inpatient => Inpatient,
        SwipeKind.Cancel => Cancel,
        SwipeKind.Retry => Retry,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown swipe kind."),
    };
}
