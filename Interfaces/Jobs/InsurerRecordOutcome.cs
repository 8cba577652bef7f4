namespace Medisettle.Interfaces.Jobs;

/// <summary>What became of an insurer agreement or assessment recorded.</summary>
[GenerateSerializer]
public enum InsurerRecordOutcome
{
    Recorded,

    /// <summary>The same record exists: nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>Another record exists under its id (or for its fund and year): refused.</summary>
    Conflict,

    /// <summary>Too late: the year's first month is run (an agreement) or the year is settled (an assessment): refused.</summary>
    Closed,

    /// <summary>The fund's pack in force has no <c>fundJobs.insurerCooperation</c> rule for the year: refused.</summary>
    NoRule,
}
