using Medisettle.LoadTest.Bench;
using Medisettle.LoadTest.Cli;
using Xunit;

namespace Medisettle.LoadTest.Tests;

/// <summary>The physical-limit benchmark writes exactly what it reports, cleans up after itself and refuses bad sizes.</summary>
public sealed class PhysicalLimitsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "physical-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_case_writes_each_settlement_once_in_batches_and_leaves_no_file_behind()
    {
        var options = new PhysicalLimitsOptions { Directory = _directory, Settlements = 600, Batch = 256, Persons = 50, Fsyncs = 5 };

        var report = await new PhysicalLimits(options).RunAsync(TextWriter.Null, CancellationToken.None);

        Assert.Equal(
            [
                "one compact row, time-ordered key",
                "+ unique index on a time-ordered message key",
                "+ unique index on a random message key instead",
                "time-ordered message key + random person-row update",
                "random message key + random person-row update",
                "today's settlement: its journal rows in the storage's tables + its person's state row",
                "today's, without the two stream indexes",
                "today's, without the person-row update",
                "today's, WAL checkpoints on another connection, not in the commits",
                "today's, payloads compressed as the storage stores them",
                "today's, without the person-row update, payloads compressed",
                "the same, without the (stream, sequence) index",
                "the same, without the second-stream index",
            ],
            report.Cases.Select(c => c.Name));
        Assert.All(report.Cases.Take(5), c => Assert.Equal(600, c.JournalRows));
        Assert.Equal([600.0, 600, 600, 1_600, 1_600], report.Cases.Take(5).Select(c => c.PayloadBytesPerSettlement));
        var today = report.Cases[5];
        Assert.Equal(today.RowsPerSettlement * 600, today.JournalRows, precision: 6);
        Assert.Equal(1, today.RowsPerSettlement); // the record, carrying its postings and its message's receipt
        Assert.All(report.Cases.Skip(6).Take(3), c => Assert.Equal(today.JournalRows, c.JournalRows));
        Assert.Equal(today.PayloadBytesPerSettlement, report.Cases[6].PayloadBytesPerSettlement);
        Assert.Equal(today.PayloadBytesPerSettlement - 1_000, report.Cases[7].PayloadBytesPerSettlement, precision: 6);
        Assert.Equal(today.PayloadBytesPerSettlement, report.Cases[8].PayloadBytesPerSettlement);
        var (compressed, compressedNoPerson) = (report.Cases[9], report.Cases[10]);
        Assert.All([compressed, compressedNoPerson], c => Assert.Equal(today.JournalRows, c.JournalRows));
        Assert.Equal(compressed.PayloadBytesPerSettlement - 1_000, compressedNoPerson.PayloadBytesPerSettlement, precision: 6);
        Assert.All(report.Cases.Skip(11), c => Assert.Equal((compressedNoPerson.JournalRows, compressedNoPerson.PayloadBytesPerSettlement), (c.JournalRows, c.PayloadBytesPerSettlement)));
        Assert.InRange(compressedNoPerson.PayloadBytesPerSettlement, 1, report.Cases[7].PayloadBytesPerSettlement / 3);
        Assert.All(report.Cases, c => Assert.True(c.SettlementsPerSecond > 0, c.Name));
        Assert.Equal([4_096, 65_536], report.Fsyncs.Select(f => f.Bytes));
        Assert.All(report.Fsyncs, f => Assert.InRange(f.P50Microseconds, 0.001, f.P99Microseconds));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void The_report_lists_every_case_and_both_fsync_sizes()
    {
        var options = new PhysicalLimitsOptions { Directory = _directory, Settlements = 1_000, Batch = 256 };
        var report = new PhysicalReport(
            [new PhysicalCase("one compact row, time-ordered key", 12_345.6, 1, 600, 1_000)],
            [new FsyncLatency(4_096, 130, 420), new FsyncLatency(65_536, 170, 270)]);

        var markdown = PhysicalCommand.Markdown(options, report);

        Assert.Contains("| one compact row, time-ordered key | 12,346 | 1.0 | 600 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 4 KiB | 0.13 ms | 0.42 ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 64 KiB | 0.17 ms | 0.27 ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("256 settlements per transaction, 1,000 settlements per case", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 256, 600, "--settlements must be at least 1, not 0")]
    [InlineData(10, 0, 600, "--batch must be at least 1, not 0")]
    [InlineData(10, 256, -1, "--row-bytes must be at least 1, not -1")]
    public void Bad_sizes_are_refused_with_the_option_named(int settlements, int batch, int rowBytes, string error)
    {
        var options = new PhysicalLimitsOptions { Directory = _directory, Settlements = settlements, Batch = batch, CompactRowBytes = rowBytes };

        Assert.Equal(error, PhysicalCommand.Validate(options));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
