namespace Medisettle.Interfaces.Controls;

/// <summary>A reviewer's decision on a flag.</summary>
[GenerateSerializer]
public enum FlagDecision
{
    /// <summary>The abuse is confirmed: the institution loses the given points (a pharmacy at 12 a year is revoked).</summary>
    Confirmed,

    /// <summary>Not abuse; nothing else changes.</summary>
    Dismissed,
}
