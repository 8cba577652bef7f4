namespace Medisettle.LoadTest.Reports;

/// <summary>
/// The group-commit storage's durable rate divided by the AdoNet baseline's, on SQLite and on PostgreSQL, rounded to two
/// decimals; null when the baseline completed nothing (no ratio to give).
/// </summary>
public sealed record BenchRatios
{
    /// <summary>PostgreSQL group commit ÷ Orleans AdoNet on PostgreSQL.</summary>
    public required double? PostgresGroupCommitOverAdoNet { get; init; }

    /// <summary>SQLite group commit ÷ Orleans AdoNet on PostgreSQL.</summary>
    public required double? SqliteGroupCommitOverAdoNet { get; init; }

    /// <summary>The ratios of three rates (per second) measured in one run.</summary>
    public static BenchRatios Of(double sqliteGroupCommit, double postgresGroupCommit, double adoNet)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sqliteGroupCommit);
        ArgumentOutOfRangeException.ThrowIfNegative(postgresGroupCommit);
        ArgumentOutOfRangeException.ThrowIfNegative(adoNet);
        return new BenchRatios
        {
            PostgresGroupCommitOverAdoNet = Over(postgresGroupCommit, adoNet),
            SqliteGroupCommitOverAdoNet = Over(sqliteGroupCommit, adoNet),
        };
    }

    private static double? Over(double rate, double baseline) => baseline > 0 ? Math.Round(rate / baseline, 2, MidpointRounding.AwayFromZero) : null;
}
