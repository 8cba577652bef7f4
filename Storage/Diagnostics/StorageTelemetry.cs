using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Medisettle.Storage.Diagnostics;

/// <summary>
/// The storage's OpenTelemetry sources: the <see cref="ActivitySourceName"/> spans (one per group-commit transaction,
/// linked to a span per waiting write in the writer's trace) and the group-commit instruments of the
/// <see cref="MeterName"/> meter (batch size, commit latency, writes by outcome).
/// </summary>
public static class StorageTelemetry
{
    /// <summary>The meter every Medisettle project reports to (the storage's instruments are named <c>medisettle.storage.*</c>).</summary>
    public const string MeterName = "Medisettle";

    /// <summary>Spans <c>group-commit wait</c> (a caller's write, from enqueue to its commit) and <c>group-commit transaction</c>.</summary>
    public const string ActivitySourceName = "Medisettle.Storage";

    public const string WaitSpanName = "group-commit wait";

    public const string TransactionSpanName = "group-commit transaction";

    /// <summary>Bucket bounds of the batch-size histogram, in writes.</summary>
    public static readonly IReadOnlyList<double> BatchSizeBounds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    /// <summary>Bucket bounds of the commit-latency histogram, in seconds.</summary>
    public static readonly IReadOnlyList<double> CommitSecondsBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    // Static: a storage is built by its Orleans provider factory, and one meter per process is what an exporter reads.
    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> BatchSize = Meter.CreateHistogram(
        "medisettle.storage.batch.size", "{write}", "Writes committed together in one group-commit transaction.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = BatchSizeBounds });

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram(
        "medisettle.storage.commit.duration", "s", "Time inside one write transaction, from BEGIN to COMMIT.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CommitSecondsBounds });

    private static readonly Counter<long> Writes = Meter.CreateCounter<long>(
        "medisettle.storage.writes", "{write}", "State writes by outcome: committed, rejected (alone: version conflict, duplicate journal entry) or failed (with its transaction).");

    internal static void OnTransaction(string storage, TimeSpan elapsed, int writes)
    {
        var tag = new KeyValuePair<string, object?>("storage", storage);
        BatchSize.Record(writes, tag);
        CommitDuration.Record(elapsed.TotalSeconds, tag);
    }

    internal static void OnWrites(string storage, string outcome, int count)
    {
        if (count > 0)
        {
            Writes.Add(count, new KeyValuePair<string, object?>("storage", storage), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
