using Medisettle.LoadTest.Metrics;
using Medisettle.LoadTest.Reports;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class ProcessCountersTests
{
    [Fact]
    public void Between_counts_each_collection_once_under_the_oldest_generation_it_collected()
    {
        // .NET counts a gen2 collection in generations 0, 1 and 2, and a gen1 collection in 0 and 1.
        var before = new ProcessCounters(TimeSpan.FromSeconds(1), 1_000, Gen0: 10, Gen1: 4, Gen2: 1);
        var after = new ProcessCounters(TimeSpan.FromSeconds(3.5), 5_000, Gen0: 20, Gen1: 7, Gen2: 2);

        var report = ProcessCounters.Between(before, after, durableSettlements: 100);

        Assert.Equal(2_500_000, report.CpuMicroseconds);
        Assert.Equal(4_000, report.AllocatedBytes);
        Assert.Equal(7, report.Gen0Collections);
        Assert.Equal(2, report.Gen1Collections);
        Assert.Equal(1, report.Gen2Collections);
        Assert.Equal(25_000, report.CpuMicrosecondsPerDurableSettlement);
        Assert.Equal(40, report.AllocatedBytesPerDurableSettlement);
    }

    [Fact]
    public void Without_durable_settlements_there_is_no_figure_per_settlement()
    {
        var counters = new ProcessCounters(TimeSpan.FromSeconds(2), 10, 1, 1, 1);

        var report = ProcessCounters.Between(counters, counters with { Cpu = TimeSpan.FromSeconds(3) }, durableSettlements: 0);

        Assert.Equal(1_000_000, report.CpuMicroseconds);
        Assert.Null(report.CpuMicrosecondsPerDurableSettlement);
        Assert.Null(report.AllocatedBytesPerDurableSettlement);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessCounters.Between(counters, counters, durableSettlements: -1));
    }

    [Fact]
    public void The_report_line_names_whose_process_it_is()
    {
        var report = new ProcessReport
        {
            CpuMicroseconds = 2_500_000,
            AllocatedBytes = 3 * 1_048_576,
            Gen0Collections = 7,
            Gen1Collections = 2,
            Gen2Collections = 1,
            CpuMicrosecondsPerDurableSettlement = 141.34,
            AllocatedBytesPerDurableSettlement = 25_600,
        };

        Assert.Equal(
            "This process (load generator and silo): CPU 2.50 s, allocated 3 MiB (141.3 µs and 25.0 KiB a durable settlement); collections gen0 7, gen1 2, gen2 1.",
            MarkdownReport.ProcessLine(report, includesSilo: true));
        Assert.Equal(
            "The load tool's process (not the silo): CPU 2.50 s, allocated 3 MiB; collections gen0 7, gen1 2, gen2 1.",
            MarkdownReport.ProcessLine(report with { CpuMicrosecondsPerDurableSettlement = null, AllocatedBytesPerDurableSettlement = null }, includesSilo: false));
    }
}
