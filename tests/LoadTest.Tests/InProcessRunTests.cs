using Medisettle.LoadTest.Arrivals;
using Medisettle.LoadTest.Running;
using Medisettle.LoadTest.Targets;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class InProcessRunTests
{
    [Fact]
    public async Task A_small_in_process_run_settles_cancels_retries_and_passes_the_audit()
    {
        var directory = Directory.CreateTempSubdirectory("loadtest-");
        try
        {
            var options = new InProcessOptions { DatabasePath = Path.Combine(directory.FullName, "run.db"), PersonCount = 300, InstitutionCount = 50 };
            await using var target = await InProcessTarget.StartAsync(options, TextWriter.Null, CancellationToken.None);
            var report = await RunSession.RunAsync("tiny", target, RunSession.Population(300, 50), ArrivalSchedule.Constant(400, TimeSpan.FromSeconds(0.5)),
                400, new RunOptions { Seed = 11, Progress = false, WarmUpSeconds = 0 }, TextWriter.Null, CancellationToken.None);

            Assert.Equal(200, report.Offered);
            Assert.Equal(200, report.Completed);
            Assert.Equal(0, report.Errors);
            Assert.True(report.Audit!.Passed, string.Join("; ", report.Audit.Violations));
            Assert.True(report.Audit.Settlements > 0);
            Assert.True(report.Audit.CapsChecked > 0);
            Assert.Equal(report.ByStatus["Settled"], report.Audit.Settlements);
            Assert.True(report.GcIncludesSilo);
            Assert.All(report.Seconds, s => Assert.True(s.GcPauseMicroseconds >= 0));
            Assert.Equal(report.GcPauseMicroseconds, report.Seconds.Sum(s => s.GcPauseMicroseconds));
            Assert.Equal(report.Seconds.Max(s => s.GcPauseMicroseconds), report.GcPauseMicrosecondsPerSecondMax);
            Assert.Equal(0, report.BusyRefusals);
            var process = report.Process!;
            Assert.True(process.CpuMicroseconds > 0);
            Assert.True(process.AllocatedBytes > 0);
            Assert.Equal(Math.Round((double)process.CpuMicroseconds / report.DurableWrites, 1), process.CpuMicrosecondsPerDurableSettlement);
            Assert.Equal(Math.Round((double)process.AllocatedBytes / report.DurableWrites), process.AllocatedBytesPerDurableSettlement);
            Assert.All(report.Seconds, s => Assert.Equal(0, s.BusyRefusals));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
