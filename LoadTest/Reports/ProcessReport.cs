namespace Medisettle.LoadTest.Reports;

/// <summary>
/// The load tool's process over the measured run (<see cref="Metrics.ProcessCounters"/>): its CPU time, the bytes it
/// allocated and its garbage collections. When the silo runs in it (<see cref="RunReport.GcIncludesSilo"/>, in-process
/// runs) these are the silo's too, so the CPU per durable settlement is what the whole path costs on this machine.
/// </summary>
public sealed record ProcessReport
{
    /// <summary>User and kernel CPU time of all the process's threads, µs.</summary>
    public required long CpuMicroseconds { get; init; }

    /// <summary>Bytes allocated on the managed heap by all threads (<see cref="GC.GetTotalAllocatedBytes"/>).</summary>
    public required long AllocatedBytes { get; init; }

    /// <summary>Collections of generation 0 only.</summary>
    public required int Gen0Collections { get; init; }

    /// <summary>Collections of generations 1 and 0.</summary>
    public required int Gen1Collections { get; init; }

    /// <summary>Full collections (generation 2).</summary>
    public required int Gen2Collections { get; init; }

    /// <summary><see cref="CpuMicroseconds"/> ÷ durable settlements (settlements and cancels committed); null when none.</summary>
    public double? CpuMicrosecondsPerDurableSettlement { get; init; }

    /// <summary><see cref="AllocatedBytes"/> ÷ durable settlements; null when none.</summary>
    public double? AllocatedBytesPerDurableSettlement { get; init; }
}
