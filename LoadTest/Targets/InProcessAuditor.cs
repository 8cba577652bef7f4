using System.Diagnostics;
using Medisettle.Grains.Demo;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces.Grains;
using Medisettle.LoadTest.Workload;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.LoadTest.Targets;

/// <summary>
/// The in-process end-of-run audit: drains the posting dispatcher grain, runs the ledger auditor (postings equal the
/// settlements, fund and institution balances equal their applied postings, accumulators equal the settlements),
/// then checks that no demo person's basic fund paid this benefit year exceeds the annual cap of their group in
/// the loaded pack.
/// </summary>
internal sealed class InProcessAuditor(IServiceProvider services, int personCount)
{
    /// <summary>Cap violations listed in the report; more are only counted.</summary>
    private const int ViolationsListedMax = 50;

    public async Task<RunAudit> AuditAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var grains = services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IPostingDispatcherGrain>(PostingDispatcherGrain.Key).DrainAsync().WaitAsync(cancellationToken);
        var report = await services.GetRequiredService<LedgerAuditor>().AuditAsync(cancellationToken);
        var violations = new List<string>(report.Violations);
        if (report.PendingPostings != 0)
        {
            violations.Add($"{report.PendingPostings} postings are still pending after the dispatcher drained.");
        }

        var capsChecked = await CheckCapsAsync(grains, violations);
        return new RunAudit
        {
            Passed = violations.Count == 0,
            Settlements = report.Settlements,
            Cancellations = report.Cancellations,
            Postings = report.Postings,
            PersonsChecked = report.PersonsChecked,
            CapsChecked = capsChecked,
            AuditSeconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 2),
            Violations = violations.Take(ViolationsListedMax).Append(violations.Count > ViolationsListedMax ? $"… and {violations.Count - ViolationsListedMax} more" : "")
                .Where(v => v.Length > 0).ToArray(),
        };
    }

    private async Task<long> CheckCapsAsync(IGrainFactory grains, List<string> violations)
    {
        var packs = services.GetRequiredService<PolicyCatalogProvider>().Catalog;
        var date = WorkloadPlanner.VisitDate;
        long checkedCount = 0;
        for (var i = 0; i < personCount; i++)
        {
            var profile = DemoData.Person(i).Profile;
            var basic = packs.Resolve(profile.InsuredRegion, profile.Scheme, date).Basic?.Basic;
            var group = basic?.Groups.FirstOrDefault(g => g.Categories.Contains(profile.Category));
            if (group is null || group.CapBasis != CapBasis.FundPayment)
            {
                continue;
            }

            var snapshot = await grains.GetGrain<IPersonGrain>(profile.PersonId).GetSnapshotAsync();
            var paid = snapshot?.YearToDateFor(date.Year).FundsPaid.BasicPooled ?? default;
            if (paid > group.AnnualCap)
            {
                violations.Add($"Person {profile.PersonId}: basic fund paid {paid} in {date.Year} exceeds the annual cap {group.AnnualCap} of group '{group.Name}'.");
            }

            checkedCount++;
        }

        return checkedCount;
    }
}
