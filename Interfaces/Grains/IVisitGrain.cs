using Medisettle.Interfaces.Visits;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// 就诊 a registered visit (key: mdtrt_id): outpatient registration (2201/2202), visit information (2203), fee
/// upload and withdrawal (2204/2205, 2301/2302), admission and discharge (2401/2402), and whether it is settled.
/// Only the registering institution may act on it. A retried message id returns the first answer.
/// </summary>
public interface IVisitGrain : IGrainWithStringKey
{
    Task<VisitOutcome> OpenAsync(VisitOpening opening);
    /// <summary>挂号撤销: only an open visit that is not settled.</summary>
    Task<VisitOutcome> CancelAsync(VisitCommand command);
    /// <summary>2203 / 2402: visit type, diagnosis, discharge date.</summary>
    Task<VisitOutcome> UpdateAsync(VisitCommand command, VisitDetails details);
    Task<VisitOutcome> AddFeeLinesAsync(VisitCommand command, IReadOnlyList<VisitFeeLine> lines);
    /// <summary>Withdraws the line with serial number <paramref name="selector"/>, else the lines of that batch; "0000" withdraws all.</summary>
    Task<VisitOutcome> RemoveFeeLinesAsync(VisitCommand command, string selector);
    /// <summary>The visit, or null when never registered.</summary>
    Task<VisitSnapshot?> GetAsync();
    /// <summary>Records the settlement of the visit (idempotent for the same settlement id).</summary>
    Task<VisitOutcome> MarkSettledAsync(string institutionCode, string settlementId);
    /// <summary>Records that the settlement was cancelled: the visit is open again (idempotent).</summary>
    Task<VisitOutcome> MarkSettlementCancelledAsync(string institutionCode, string settlementId);
}
