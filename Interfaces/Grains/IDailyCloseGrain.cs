using Medisettle.Interfaces.Jobs;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The daily close (日结) fund job, one activation cluster-wide (key <c>daily-close</c>): freezes every known
/// institution's 3201 totals of a day, exactly once per day, on its reminder or when asked.
/// </summary>
public interface IDailyCloseGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) the job's durable reminder: every day at the configured local time.</summary>
    Task StartAsync();

    /// <summary>
    /// Closes <paramref name="date"/>, or answers the run already done for it (<see cref="DailyCloseRunResult.AlreadyDone"/>;
    /// nothing changes). A run left half done by a crash is finished first.
    /// </summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<DailyCloseRunResult> RunAsync(DateOnly date);

    /// <summary>The completed runs of days <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<IReadOnlyList<DailyCloseRun>> ListAsync(DateOnly from, DateOnly to);
}
