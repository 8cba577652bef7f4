using Medisettle.Interfaces.Jobs;

namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The insurer cooperation (政保合作, S2 第3篇) fund job, one activation cluster-wide (key <c>insurer-cooperation</c>): the
/// year's agreements and assessments, a run per month (claims, premium, 40/60 pre-settlement) and the year-end
/// settlement, each once, on its reminder or when asked.
/// </summary>
public interface IInsurerCooperationGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) the job's durable reminder: every day, running the months ended and the year-end settlement due.</summary>
    Task StartAsync();

    /// <summary>Records a fund's agreement for a year; refused once the year's first month is run.</summary>
    Task<InsurerRecordResult> RecordAgreementAsync(InsurerAgreement agreement);

    /// <summary>Records an assessment against the insurer; refused once the year is settled.</summary>
    Task<InsurerRecordResult> RecordAssessmentAsync(InsurerAssessment assessment);

    /// <summary>Runs <paramref name="month"/>, or answers the run already done; refused while the month before in its year is not run.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<InsurerCooperationRunResult> RunMonthAsync(BusinessMonth month);

    /// <summary>Settles <paramref name="year"/>, or answers the settlement already done; refused while its December is not run.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<InsurerCooperationRunResult> RunYearAsync(int year);

    /// <summary>The completed runs (months and year-end settlements) of years <paramref name="from"/> to <paramref name="to"/>, in period order.</summary>
    [ResponseTimeout(LongCall.Timeout)]
    Task<IReadOnlyList<InsurerCooperationRun>> ListAsync(int from, int to);
}
