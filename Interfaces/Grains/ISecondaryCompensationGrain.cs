using Medisettle.Interfaces.Jobs;

namespace Medisettle.Interfaces.Grains;

/// <summary>The year-end 二次补偿 fund job, one activation cluster-wide (key <c>secondary-compensation</c>): once per year, on its reminder or when asked.</summary>
public interface ISecondaryCompensationGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) the job's durable reminder: every day, running last year once (after its risk reserve).</summary>
    Task StartAsync();

    /// <summary>Re-compensates <paramref name="year"/>'s major-illness inpatients, or answers the run already done (nothing changes).</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<CompensationRunResult> RunAsync(int year);

    /// <summary>The completed runs of years <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<IReadOnlyList<CompensationRun>> ListAsync(int from, int to);
}
