namespace Medisettle.Gateway.Diagnostics;

/// <summary>What <see cref="RecentTraffic"/> holds now (JSON of <c>/ops/data</c>).</summary>
public sealed record TrafficSnapshot
{
    /// <summary>Unix seconds of the snapshot.</summary>
    public required long At { get; init; }

    /// <summary>Platform requests answered since start.</summary>
    public required long Requests { get; init; }

    /// <summary>Settlements answered with infcode 0 since start.</summary>
    public required long Settlements { get; init; }

    /// <summary>Busy refusals (infcode 9998, 1107) since start.</summary>
    public required long BusyRefusals { get; init; }

    /// <summary>Settlements per second over the last <see cref="RecentTraffic.RateSeconds"/> complete seconds.</summary>
    public required double SettlementsPerSecond { get; init; }

    /// <summary>Median settlement latency over the window (bucket upper bound, ms); null without settlements.</summary>
    public required double? P50Milliseconds { get; init; }

    public required double? P99Milliseconds { get; init; }

    /// <summary>Requests refused, by infcode, since start.</summary>
    public required IReadOnlyList<RefusalCount> Refusals { get; init; }

    /// <summary>One entry per second of the window, oldest first.</summary>
    public required IReadOnlyList<TrafficSecond> Seconds { get; init; }
}
