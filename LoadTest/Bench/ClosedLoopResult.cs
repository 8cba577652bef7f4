namespace Medisettle.LoadTest.Bench;

/// <summary>Calls completed and failed in a closed-loop measurement, over how long, and the first failure's message.</summary>
internal readonly record struct ClosedLoopResult(long Completed, long Failed, TimeSpan Elapsed, string? FirstError)
{
    public double PerSecond => Completed / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
