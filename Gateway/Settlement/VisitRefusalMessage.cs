using Medisettle.Interfaces.Visits;

namespace Medisettle.Gateway.Settlement;

/// <summary>The err_msg of a refused visit operation.</summary>
public static class VisitRefusalMessage
{
    /// <summary>"{code}: {message}" of the visit grain's refusal.</summary>
    public static string For(VisitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return $"{outcome.Rejection}: {outcome.Message}";
    }
}
