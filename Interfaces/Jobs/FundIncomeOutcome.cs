namespace Medisettle.Interfaces.Jobs;

/// <summary>What became of a fund income recorded.</summary>
[GenerateSerializer]
public enum FundIncomeOutcome
{
    Recorded,

    /// <summary>The same income was recorded before under its id: nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>Its id was recorded before with other content: refused.</summary>
    IdConflict,

    /// <summary>The year's risk reserve or 二次补偿 is done, so its income is fixed: refused.</summary>
    YearClosed,
}
