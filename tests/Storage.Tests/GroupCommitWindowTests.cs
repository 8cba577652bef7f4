using System.Diagnostics;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Hosting;

namespace Medisettle.Storage.Tests;

/// <summary>
/// The group-commit window: the writer's last wait for more writes is rounded up to a whole millisecond, since a timer
/// of less than one completes at once (a 1 ms window then never waited at all); and no window is the default.
/// </summary>
public sealed class GroupCommitWindowTests
{
    [Theory]
    [InlineData(0.001, 1)]
    [InlineData(0.3, 1)]
    [InlineData(0.999, 1)]
    [InlineData(1.0, 1)]
    [InlineData(1.2, 2)]
    [InlineData(199.5, 200)]
    public void A_wait_of_less_than_a_whole_millisecond_is_rounded_up(double remainingMilliseconds, int waitMilliseconds)
    {
        var ticks = (long)Math.Round(remainingMilliseconds * Stopwatch.Frequency / 1000.0);

        Assert.Equal(TimeSpan.FromMilliseconds(waitMilliseconds), GroupCommitWriter.WaitFor(ticks));
    }

    [Fact]
    public void The_storages_commit_at_once_by_default()
    {
        Assert.Equal(TimeSpan.Zero, new SqliteStorageOptions().GroupCommitWindow);
        Assert.Equal(TimeSpan.Zero, new PostgresStorageOptions().GroupCommitWindow);
    }
}
