namespace Medisettle.Interfaces.Jobs;

/// <summary>What an insurer assessment (考评) deducts for at year end (S2 第3篇 (六)).</summary>
[GenerateSerializer]
public enum InsurerAssessmentKind
{
    /// <summary>A justified complaint caused by the insurer: the pack's share of the per-capita target.</summary>
    Complaint,

    /// <summary>A missed monthly report or risk warning: the pack's share of the year's total target.</summary>
    MissedWarning,
}
