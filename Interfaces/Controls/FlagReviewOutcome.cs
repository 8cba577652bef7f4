namespace Medisettle.Interfaces.Controls;

/// <summary>How a confirm or dismiss ended.</summary>
[GenerateSerializer]
public enum FlagReviewOutcome
{
    /// <summary>Resolved now, or already resolved the same way (the first resolution is answered).</summary>
    Resolved,

    /// <summary>No flag has that id.</summary>
    NotFound,

    /// <summary>The flag was already resolved the other way; nothing changed.</summary>
    Conflict,
}
