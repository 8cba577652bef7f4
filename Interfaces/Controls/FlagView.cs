namespace Medisettle.Interfaces.Controls;

/// <summary>A flag with its review, as the admin API lists it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record FlagView
{
    [Id(0)] public required ControlFlag Flag { get; init; }

    [Id(1)] public FlagResolution? Resolution { get; init; }

    /// <summary>
    /// For a confirmed flag: whether the points have reached the institution (known to the flag's review grain; a
    /// listing from the journal leaves it null). A confirm commits the decision first and then deducts, exactly once.
    /// </summary>
    [Id(2)] public bool? PointsDeducted { get; init; }

    /// <summary>Journal sequence of the flag (the listing's paging cursor).</summary>
    [Id(3)] public long Sequence { get; init; }

    public FlagStatus Status => Resolution?.Decision switch
    {
        FlagDecision.Confirmed => FlagStatus.Confirmed,
        FlagDecision.Dismissed => FlagStatus.Dismissed,
        _ => FlagStatus.Open,
    };
}
