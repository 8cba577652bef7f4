using System.Data.Common;

namespace Medisettle.Runtime.Storage;

/// <summary>The default fence for a single silo: every partition may be written.</summary>
public sealed class NoWriteFence : IWriteFence
{
    public ValueTask<IReadOnlyCollection<int>> CheckAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyCollection<int>>([]);
}
