namespace Medisettle.Gateway.Diagnostics;

/// <summary>How a platform request ended, as a metric label.</summary>
internal enum MetricOutcome
{
    Success,
    Rejected,
    Invalid,
    Unauthorized,
    Error,
}
