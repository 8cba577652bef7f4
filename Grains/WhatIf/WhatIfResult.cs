namespace Medisettle.Grains.WhatIf;

/// <summary>
/// The outcome of a what-if replay (基金测算): totals of the period's settlements as recorded ("before", checked
/// against a re-run under the packs in force) and re-run under the candidate pack ("after").
/// </summary>
public sealed record WhatIfResult
{
    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    /// <summary>Id and source of the candidate pack.</summary>
    public required string CandidatePackId { get; init; }

    public required string CandidateSource { get; init; }

    /// <summary>Journal entries read (settlement and cancellation records of every person stream).</summary>
    public required long RecordsRead { get; init; }

    /// <summary>Settlements dated in the period and not cancelled: the ones the totals cover.</summary>
    public required long SettlementsInPeriod { get; init; }

    /// <summary>Settlements dated in the period that were cancelled (excluded from the totals).</summary>
    public required long CancelledInPeriod { get; init; }

    /// <summary>Settlements dated in the period journaled without their input (older rows): not re-run, excluded from the totals.</summary>
    public required long NotReplayable { get; init; }

    /// <summary>Settlements re-run under the packs in force (the period's and earlier ones with an input) for the consistency check.</summary>
    public required long ReplayedBefore { get; init; }

    /// <summary>Re-runs under the packs in force whose split differs from the recorded one (0 when the replay is faithful).</summary>
    public required long Mismatches { get; init; }

    public required IReadOnlyList<string> MismatchSamples { get; init; }

    /// <summary>Period settlements the candidate refused (counted as paid by nobody but the patient in "after").</summary>
    public required long RefusedByCandidate { get; init; }

    public required IReadOnlyList<string> RefusalSamples { get; init; }

    public required PaymentTotals Before { get; init; }

    public required PaymentTotals After { get; init; }

    public required PaymentTotals Delta { get; init; }

    /// <summary>Per person group (<c>{scheme}/{category}</c>), ordered by name.</summary>
    public required IReadOnlyList<GroupTotals> Groups { get; init; }

    /// <summary>Persons with a period settlement whose basic-fund year reached its annual cap, as recorded and under the candidate.</summary>
    public required long PersonsAtCapBefore { get; init; }

    public required long PersonsAtCapAfter { get; init; }

    public required long PersonsInPeriod { get; init; }

    /// <summary>The persons whose fund payments change most (by absolute change, then person id).</summary>
    public required IReadOnlyList<PersonChange> LargestChanges { get; init; }

    public required double ElapsedSeconds { get; init; }
}
