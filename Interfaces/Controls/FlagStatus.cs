namespace Medisettle.Interfaces.Controls;

/// <summary>Where a flag stands in the review queue.</summary>
[GenerateSerializer]
public enum FlagStatus
{
    Open,
    Confirmed,
    Dismissed,
}
