namespace Medisettle.LoadTest.Reports;

/// <summary>
/// The result of <c>bench</c>, one process, one run: the full settlement path on the group-commit storage (SQLite and
/// PostgreSQL), and the state-write comparison of the same bench grain on the group-commit storage and on Orleans' AdoNet
/// provider, with the ratios.
/// </summary>
public sealed record BenchReport
{
    /// <summary>Open-loop swipes through the person grains (engine, journal, audit) on SQLite group commit.</summary>
    public required RunReport SqliteGroupCommit { get; init; }

    /// <summary>The same on PostgreSQL group commit.</summary>
    public required RunReport PostgresGroupCommit { get; init; }

    /// <summary>What a state write of the comparison is, in words.</summary>
    public required string StateWriteDescription { get; init; }

    /// <summary>SQLite group commit, PostgreSQL group commit, Orleans AdoNet on PostgreSQL, in that order.</summary>
    public required IReadOnlyList<StateWriteReport> StateWrites { get; init; }

    /// <summary>State writes/s: PostgreSQL group commit ÷ Orleans AdoNet on PostgreSQL.</summary>
    public required double PostgresGroupCommitOverAdoNet { get; init; }

    /// <summary>State writes/s: SQLite group commit ÷ Orleans AdoNet on PostgreSQL.</summary>
    public required double SqliteGroupCommitOverAdoNet { get; init; }
}
