using Medisettle.Interfaces.Controls;

namespace Medisettle.Grains.Controls;

/// <summary>The durable state of a flag's review: the decision (also a journal row) and whether its deduction is done.</summary>
public sealed class FlagReviewState
{
    /// <summary>The flag, read from the journal when the decision was made.</summary>
    public ControlFlag? Flag { get; set; }

    public FlagResolution? Resolution { get; set; }

    /// <summary>For a confirmed flag: the institution has applied the deduction (<c>flag:{flagId}</c>).</summary>
    public bool PointsDeducted { get; set; }
}
