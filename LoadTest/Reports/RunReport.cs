using System.Text.Json.Serialization;
using Medisettle.LoadTest.Metrics;
using Medisettle.LoadTest.Targets;

namespace Medisettle.LoadTest.Reports;

/// <summary>The final report of one run (serialized to JSON; rendered to Markdown and SVG).</summary>
public sealed record RunReport
{
    public required string Name { get; init; }

    public required string Target { get; init; }

    public required string Machine { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required string Profile { get; init; }

    public required double TargetRatePerSecond { get; init; }

    public required double DurationSeconds { get; init; }

    public required int Seed { get; init; }

    public required int InFlightMax { get; init; }

    public required long Offered { get; init; }

    public required long Completed { get; init; }

    public required long Errors { get; init; }

    public required double ErrorRate { get; init; }

    /// <summary>Seconds from the first intended start to the last completion.</summary>
    public required double ElapsedSeconds { get; init; }

    public required double AchievedSwipesPerSecond { get; init; }

    /// <summary>Settlements and cancels committed durably, per second of <see cref="ElapsedSeconds"/>.</summary>
    public required double DurableSettlementsPerSecond { get; init; }

    public required long DurableWrites { get; init; }

    public required IReadOnlyDictionary<string, long> ByStatus { get; init; }

    public required IReadOnlyDictionary<string, long> ByKind { get; init; }

    public required LatencySummary Latency { get; init; }

    public required IReadOnlyDictionary<string, LatencySummary> LatencyByKind { get; init; }

    public required IReadOnlyDictionary<string, long> Rejections { get; init; }

    public required IReadOnlyDictionary<string, long> ErrorReasons { get; init; }

    /// <summary>
    /// Answers meaning "busy, retry later" (HTTP 503: infcode 9997, 9998 or 1107) received, each counted once, including those
    /// the target then sent again; 0 in-process (no gateway).
    /// </summary>
    public required long BusyRefusals { get; init; }

    /// <summary>The most <see cref="BusyRefusals"/> in one second of <see cref="Seconds"/>.</summary>
    public required long BusyRefusalsPerSecondMax { get; init; }

    /// <summary>GC pause time of the load tool's process during the run (the silo's too when <see cref="GcIncludesSilo"/>).</summary>
    public required long GcPauseMicroseconds { get; init; }

    /// <summary>The most GC pause time in one second of <see cref="Seconds"/>.</summary>
    public required long GcPauseMicrosecondsPerSecondMax { get; init; }

    /// <summary>True when the silo ran in the load tool's process (in-process targets), so the GC figures are the silo's too.</summary>
    public required bool GcIncludesSilo { get; init; }

    /// <summary>The silo's CPU and GC pause time from its <c>/metrics</c> (HTTP runs that could read it; null otherwise).</summary>
    public SiloReport? Silo { get; init; }

    /// <summary>This process's CPU, allocations and collections over the run (the silo's too when <see cref="GcIncludesSilo"/>).</summary>
    public ProcessReport? Process { get; init; }

    /// <summary>Storage counters (in-process only): transactions, writes, mean writes per transaction.</summary>
    public StorageReport? Storage { get; init; }

    public RunAudit? Audit { get; init; }

    public required IReadOnlyList<SecondSample> Seconds { get; init; }

    /// <summary>
    /// HdrHistogram's percentile distribution of <see cref="Latency"/> (<see cref="LatencyHistogram.PercentileDistribution"/>,
    /// milliseconds), written beside the JSON as <c>{name}.hgrm</c>; not in the JSON.
    /// </summary>
    [JsonIgnore]
    public string? LatencyDistribution { get; init; }
}
