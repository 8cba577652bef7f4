using System.Data.Common;
using Medisettle.Runtime.Storage;

namespace Medisettle.Runtime.Tests;

/// <summary>A fence that holds the first transaction open until released, and can reject partitions.</summary>
public sealed class GateFence : IWriteFence
{
    private int _calls;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HashSet<int> Rejected { get; } = [];

    public int Calls => Volatile.Read(ref _calls);

    public async ValueTask<IReadOnlyCollection<int>> CheckAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            Entered.TrySetResult();
            await Release.Task;
        }

        return [.. partitions.Where(Rejected.Contains)];
    }
}
