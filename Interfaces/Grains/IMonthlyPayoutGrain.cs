using Medisettle.Interfaces.Jobs;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The monthly payout (拨付) fund job, one activation cluster-wide (key <c>monthly-payout</c>): pays each institution
/// what each fund owes it for a month, less the month's audit deductions, exactly once per month, on its reminder or
/// when asked.
/// </summary>
public interface IMonthlyPayoutGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) the job's durable reminder: every day at the configured local time, paying last month once.</summary>
    Task StartAsync();

    /// <summary>Pays <paramref name="month"/>, or answers the run already done for it (<see cref="MonthlyPayoutRunResult.AlreadyDone"/>; nothing changes).</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<MonthlyPayoutRunResult> RunAsync(BusinessMonth month);

    /// <summary>The completed runs of months <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<IReadOnlyList<MonthlyPayoutRun>> ListAsync(BusinessMonth from, BusinessMonth to);

    /// <summary>Records an audit deduction for the payout of its month, once per id.</summary>
    Task<AuditDeductionResult> RecordDeductionAsync(AuditDeduction deduction);
}
