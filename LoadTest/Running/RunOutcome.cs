using Medisettle.LoadTest.Metrics;

namespace Medisettle.LoadTest.Running;

/// <summary>What a run produced: its metrics, when it started, how long it took to the last completion, whether every swipe finished.</summary>
public sealed record RunOutcome(RunMetrics Metrics, DateTimeOffset StartedAt, TimeSpan Elapsed, long Arrivals, bool Drained);
