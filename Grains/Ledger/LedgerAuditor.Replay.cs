using Medisettle.Interfaces;
using Medisettle.Interfaces.Jobs;

namespace Medisettle.Grains.Ledger;

/// <summary>
/// The runs replayed against pass 2: each run's position (its <c>ThroughSequence</c>, known from pass 1) is a checkpoint
/// where it takes what its check needs of the sums as they stood there. The payout runs are checked on the spot (a run
/// covers, and takes out, what no earlier run covered); the others keep only their run's figures for the checks after
/// pass 2 — a fund's or a person's, never a settlement's.
/// </summary>
public sealed partial class LedgerAuditor
{
    private sealed class RunReplay(LedgerAuditor auditor, Runs runs)
    {
        /// <summary>Audit deductions recorded before the last payout run replayed that no run has applied yet.</summary>
        public List<AuditDeduction> PendingDeductions { get; } = [];

        /// <summary>The first of <see cref="Runs.AuditDeductions"/> not yet in <see cref="PendingDeductions"/>.</summary>
        public int NextDeduction { get; set; }

        public List<string> PayoutViolations { get; } = [];

        /// <summary>Per reserve run (in journal order): the pooled funds' income and spending of its year through its position.</summary>
        public (Dictionary<string, Money> Income, Dictionary<string, Money> Spending)[] ReserveTotals { get; } =
            new (Dictionary<string, Money>, Dictionary<string, Money>)[runs.ReserveRuns.Count];

        /// <summary>Per 二次补偿 run (in journal order): the funds and persons the journal through its position makes.</summary>
        public (List<CompensationFund> Funds, List<CompensationLine> Persons)[] Compensations { get; } =
            new (List<CompensationFund>, List<CompensationLine>)[runs.CompensationRuns.Count];

        /// <summary>Per insurer run (in journal order): each fund's spending dated in its year up to its month's end, through its position.</summary>
        public Dictionary<string, Money>[] InsurerSpending { get; } = new Dictionary<string, Money>[runs.InsurerRuns.Count];

        /// <summary>The checkpoints in journal order (runs at the same position in the order they were written).</summary>
        public List<(long At, Action Take)> Checkpoints(JournalTotals totals)
        {
            var checkpoints = new List<(long At, Action Take)>();
            var payoutThrough = long.MinValue;
            foreach (var (sequence, run) in runs.PayoutRuns)
            {
                // Each run reads on from where the earlier ones stopped: a run with a lower position covers nothing new.
                payoutThrough = Math.Max(payoutThrough, run.ThroughSequence);
                checkpoints.Add((payoutThrough, () => CheckPayout(sequence, run, runs, this, totals)));
            }

            for (var i = 0; i < runs.ReserveRuns.Count; i++)
            {
                var (index, run) = (i, runs.ReserveRuns[i].Run);
                checkpoints.Add((run.ThroughSequence, () => ReserveTotals[index] = TakeReserveTotals(run, totals)));
            }

            for (var i = 0; i < runs.CompensationRuns.Count; i++)
            {
                var (index, run) = (i, runs.CompensationRuns[i].Run);
                checkpoints.Add((run.ThroughSequence, () => Compensations[index] = auditor.TakeCompensation(run, totals)));
            }

            for (var i = 0; i < runs.InsurerRuns.Count; i++)
            {
                var (index, run) = (i, runs.InsurerRuns[i].Run);
                checkpoints.Add((run.ThroughSequence, () => InsurerSpending[index] = TakeInsurerSpending(run, totals)));
            }

            return checkpoints.OrderBy(c => c.At).ToList();
        }
    }
}
