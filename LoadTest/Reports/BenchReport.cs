namespace Medisettle.LoadTest.Reports;

/// <summary>
/// The result of <c>bench</c>, one process, one run: the full settlement path (same grains, engine, seed and demo data) on
/// the group-commit storage on SQLite and PostgreSQL and on the Orleans AdoNet baseline on PostgreSQL, with the ratios; and
/// the state-write comparison of one bench grain on the same three storages, with its ratios.
/// </summary>
public sealed record BenchReport
{
    /// <summary>Open-loop swipes through the person grains (engine, journal, audit) on SQLite group commit.</summary>
    public required RunReport SqliteGroupCommit { get; init; }

    /// <summary>The same on PostgreSQL group commit.</summary>
    public required RunReport PostgresGroupCommit { get; init; }

    /// <summary>The same on the baseline: every grain's state in Orleans' AdoNet storage on PostgreSQL (<see cref="AdoNetDescription"/>).</summary>
    public required RunReport AdoNetPostgres { get; init; }

    /// <summary>How the baseline writes a settlement, and what is not atomic about it, in words.</summary>
    public required string AdoNetDescription { get; init; }

    /// <summary>Durable settlements/s of the group-commit storage ÷ the baseline's, on the full settlement path.</summary>
    public required BenchRatios SettlementRatios { get; init; }

    /// <summary>What a state write of the comparison is, in words.</summary>
    public required string StateWriteDescription { get; init; }

    /// <summary>SQLite group commit, PostgreSQL group commit, Orleans AdoNet on PostgreSQL, in that order.</summary>
    public required IReadOnlyList<StateWriteReport> StateWrites { get; init; }

    /// <summary>State writes/s of the group-commit storage ÷ Orleans AdoNet's.</summary>
    public required BenchRatios StateWriteRatios { get; init; }
}
