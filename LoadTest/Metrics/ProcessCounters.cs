using Medisettle.LoadTest.Reports;

namespace Medisettle.LoadTest.Metrics;

/// <summary>
/// This process's CPU time, bytes allocated and garbage collections at one moment; two of them give a run's
/// <see cref="ProcessReport"/>. In-process runs host the silo, so these are the silo's figures too.
/// </summary>
public readonly record struct ProcessCounters(TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public static ProcessCounters Take()
    {
        var cpu = Environment.CpuUsage;
        return new ProcessCounters(cpu.TotalTime, GC.GetTotalAllocatedBytes(precise: false), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }

    /// <summary>
    /// What happened from <paramref name="before"/> to <paramref name="after"/>, and per durable settlement (settlements and
    /// cancels committed) when there were any. A collection of generation 2 also collects generations 1 and 0, and .NET counts it
    /// in each (<see cref="GC.CollectionCount"/>); the report counts each collection once, under the oldest generation it collected.
    /// </summary>
    public static ProcessReport Between(ProcessCounters before, ProcessCounters after, long durableSettlements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durableSettlements);
        var cpuMicroseconds = (long)Math.Round((after.Cpu - before.Cpu).TotalMicroseconds);
        var allocated = after.AllocatedBytes - before.AllocatedBytes;
        var gen2 = after.Gen2 - before.Gen2;
        var gen1 = after.Gen1 - before.Gen1 - gen2;
        var gen0 = after.Gen0 - before.Gen0 - gen1 - gen2;
        return new ProcessReport
        {
            CpuMicroseconds = cpuMicroseconds,
            AllocatedBytes = allocated,
            Gen0Collections = gen0,
            Gen1Collections = gen1,
            Gen2Collections = gen2,
            CpuMicrosecondsPerDurableSettlement = durableSettlements == 0 ? null : Math.Round((double)cpuMicroseconds / durableSettlements, 1),
            AllocatedBytesPerDurableSettlement = durableSettlements == 0 ? null : Math.Round((double)allocated / durableSettlements),
        };
    }
}
