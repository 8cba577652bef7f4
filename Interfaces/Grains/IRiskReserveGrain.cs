using Medisettle.Interfaces.Jobs;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The year-end risk reserve (风险储备金) fund job and the fund income it rests on, one activation cluster-wide (key
/// <c>risk-reserve</c>): once per year, on its reminder or when asked.
/// </summary>
public interface IRiskReserveGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) the job's durable reminder: every day at the configured time, running last year once.</summary>
    Task StartAsync();

    /// <summary>Sets aside <paramref name="year"/>'s reserve, or answers the run already done (nothing changes).</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<RiskReserveRunResult> RunAsync(int year);

    /// <summary>The completed runs of years <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<IReadOnlyList<RiskReserveRun>> ListAsync(int from, int to);

    /// <summary>Records a fund's income for a year (an income posting), once per id; refused once the year's reserve is done.</summary>
    Task<FundIncomeResult> RecordIncomeAsync(FundIncome income);
}
