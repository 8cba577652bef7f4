namespace Medisettle.Interfaces.Jobs;

/// <summary>What became of an audit deduction entered.</summary>
[GenerateSerializer]
public enum AuditDeductionOutcome
{
    /// <summary>Recorded now; the payout of its month withholds it.</summary>
    Recorded,

    /// <summary>The same deduction was recorded before under its id: nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>Its id was recorded before with other content: refused, nothing changed.</summary>
    IdConflict,

    /// <summary>The payout of its month is done: refused, nothing changed (enter it for a month not paid yet).</summary>
    MonthAlreadyPaid,
}
