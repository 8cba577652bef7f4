using System.Data.Common;

namespace Medisettle.Runtime.Storage;

/// <summary>
/// Checked inside every write transaction, before the writes, with the partitions the transaction touches.
/// The cluster uses it to verify partition ownership and epoch (fencing). It must hold whatever it checked
/// until the transaction ends (for PostgreSQL e.g. <c>SELECT ... FOR SHARE</c> on the lease rows).
/// </summary>
public interface IWriteFence
{
    /// <summary>Returns the partitions this silo may NOT write (empty when all are allowed); their writes fail with <see cref="WriteFencedException"/>.</summary>
    ValueTask<IReadOnlyCollection<int>> CheckAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<int> partitions, CancellationToken cancellationToken);
}
