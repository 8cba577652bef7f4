namespace Medisettle.Grains.Jobs;

/// <summary>The durable state of the daily-close job grain. Completed runs are journal entries, not state.</summary>
public sealed class DailyCloseState
{
    /// <summary>Journal position up to which receivable posting streams were read to learn <see cref="Institutions"/>.</summary>
    public long InstitutionsReadThrough { get; set; }

    /// <summary>Codes of the institutions with a receivable posting, in ordinal order.</summary>
    public List<string> Institutions { get; set; } = [];

    /// <summary>The day being closed, when a run started and has not completed (a crash left it half done).</summary>
    public DateOnly? InProgress { get; set; }

    /// <summary>The institutions the run in progress closes (fixed when it started, so a resumed run closes the same ones).</summary>
    public List<string> InProgressInstitutions { get; set; } = [];

    /// <summary>The last day the reminder closed (it catches up at most <see cref="DailyCloseGrain.CatchUpDaysMax"/> days).</summary>
    public DateOnly? LastScheduledDay { get; set; }
}
