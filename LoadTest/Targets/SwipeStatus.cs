namespace Medisettle.LoadTest.Targets;

/// <summary>How a swipe ended. Business rejections are answers, not errors.</summary>
public enum SwipeStatus
{
    Settled,
    Cancelled,
    Rejected,

    /// <summary>A retry answered with the first answer (same settlement id).</summary>
    Replayed,

    /// <summary>An exception, a timeout, a wrong retry answer, or an HTTP/infcode failure.</summary>
    Error,

    /// <summary>Not started: the in-flight bound was reached at its intended start (counted as an error).</summary>
    Dropped,

    /// <summary>Refused at once by the gateway at its own bound (HTTP 503, infcode 9997): not processed, not an error, not retried, no latency recorded.</summary>
    Busy,
}
