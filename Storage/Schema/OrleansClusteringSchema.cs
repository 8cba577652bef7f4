namespace Medisettle.Storage.Schema;

/// <summary>
/// What Orleans' ADO.NET clustering provider (<c>Microsoft.Orleans.Clustering.AdoNet</c>, invariant <c>Npgsql</c>) needs on
/// PostgreSQL: the membership version table, the membership table and the query rows the 10.4.2 provider reads at start
/// (silos and clients alike). Apply it together with <see cref="OrleansQueryTable.Part"/>.
/// </summary>
/// <remarks>
/// <para>
/// The provider's contract (from its source). Every query gets <c>@DeploymentId</c> (text: the cluster id). A silo is named
/// by <c>@Address</c> (text, an IP address), <c>@Port</c> and <c>@Generation</c> (int). Rows are written with
/// <c>@SiloName</c>, <c>@HostName</c> (text), <c>@Status</c> (int, <c>SiloStatus</c>: 3 Active, 6 Dead), <c>@ProxyPort</c>
/// (int, the gateway port, 0 for none), <c>@SuspectTimes</c> (text or null: "silo,time|silo,time"), <c>@StartTime</c> and
/// <c>@IAmAliveTime</c> (UTC <c>DateTime</c>, which Npgsql sends as timestamptz) and <c>@Version</c> (int).
/// </para>
/// <para>
/// Optimistic concurrency is on one version per cluster, not per row: the provider reads the table and its version, then
/// inserts or updates a row passing that version as <c>@Version</c>. The write succeeds only if the version is still the
/// same, and it moves the version on by one in the same statement; it returns one row with one boolean column, false
/// meaning "someone else wrote first" (the membership protocol re-reads and tries again). Refreshing <c>IAmAliveTime</c>
/// is the one write outside the version. A false answer may still have moved the version on (only when a row vanished
/// under a concurrent delete); that costs the caller one more read, never a lost write.
/// </para>
/// <para>
/// Both reads (one silo, all silos) must return at least one row: the version row, outer-joined to the members, with
/// NULL member columns when there is none; the provider takes the version from the first row and treats a NULL
/// <c>StartTime</c> as "no member". It reads <c>Address</c>, <c>Port</c>, <c>Generation</c>, <c>SiloName</c>,
/// <c>HostName</c>, <c>Status</c>, <c>ProxyPort</c>, <c>SuspectTimes</c>, <c>StartTime</c>, <c>IAmAliveTime</c> and
/// <c>Version</c>; <c>SiloName</c> and <c>HostName</c> must not be NULL in a member row. The version row is created by
/// <c>InsertMembershipVersionKey</c> (one boolean row: true when this call created it) when a silo starts; clients only
/// read gateways (<c>Address</c>, <c>ProxyPort</c>, <c>Generation</c> of members in <c>@Status</c> Active).
/// </para>
/// <para>
/// Cleanup of dead silos: when <c>CleanupDefunctSiloEntryKey</c> is present (it is here) the 10.4.2 provider reads all rows,
/// picks the Dead ones whose start, last I-am-alive and every suspicion are older than the cutoff, and deletes each with that
/// query, passing the values it read (<c>@StartTime</c>, <c>@IAmAliveTime</c>, <c>@SuspectTimes</c>), so a row that changed
/// meanwhile stays. <c>CleanupDefunctSiloEntriesKey</c> (Dead rows whose <c>IAmAliveTime</c> is before
/// <c>@IAmAliveTime</c>) is then unused, but the provider refuses to start without it.
/// </para>
/// </remarks>
public static class OrleansClusteringSchema
{
    /// <summary>Query keys the provider reads from <c>OrleansQuery</c>.</summary>
    public const string InsertMembershipVersionKey = "InsertMembershipVersionKey";
    public const string MembershipReadRowKey = "MembershipReadRowKey";
    public const string MembershipReadAllKey = "MembershipReadAllKey";
    public const string InsertMembershipKey = "InsertMembershipKey";
    public const string UpdateMembershipKey = "UpdateMembershipKey";
    public const string UpdateIAmAlivetimeKey = "UpdateIAmAlivetimeKey";
    public const string GatewaysQueryKey = "GatewaysQueryKey";
    public const string DeleteMembershipTableEntriesKey = "DeleteMembershipTableEntriesKey";
    public const string CleanupDefunctSiloEntriesKey = "CleanupDefunctSiloEntriesKey";
    public const string CleanupDefunctSiloEntryKey = "CleanupDefunctSiloEntryKey";

    /// <summary><c>SiloStatus.Dead</c>: the only status the cleanup queries delete.</summary>
    public const int DeadStatus = 6;

    // One row per cluster; Version is the membership table's ETag.
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
        (
            DeploymentId varchar(150) NOT NULL,
            ModifiedOn   timestamptz  NOT NULL,
            Version      integer      NOT NULL,
            CONSTRAINT OrleansMembershipVersionTable_Key PRIMARY KEY (DeploymentId)
        )
        """;

    // A silo incarnation is (address, port, generation); lengths bound names and the suspicion list.
    private const string CreateMembershipTable = """
        CREATE TABLE IF NOT EXISTS OrleansMembershipTable
        (
            DeploymentId varchar(150)  NOT NULL,
            Address      varchar(45)   NOT NULL,
            Port         integer       NOT NULL,
            Generation   integer       NOT NULL,
            SiloName     varchar(150)  NOT NULL,
            HostName     varchar(150)  NOT NULL,
            Status       integer       NOT NULL,
            ProxyPort    integer       NOT NULL,
            SuspectTimes varchar(8000),
            StartTime    timestamptz   NOT NULL,
            IAmAliveTime timestamptz   NOT NULL,
            CONSTRAINT OrleansMembershipTable_Key PRIMARY KEY (DeploymentId, Address, Port, Generation),
            CONSTRAINT OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
                REFERENCES OrleansMembershipVersionTable (DeploymentId)
        )
        """;

    private const string SiloMatches = """
        DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
        """;

    private const string MemberColumns = """
        m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
        m.StartTime, m.IAmAliveTime
        """;

    private const string InsertVersionQuery = """
        WITH created AS (
            INSERT INTO OrleansMembershipVersionTable (DeploymentId, ModifiedOn, Version)
            VALUES (@DeploymentId, now(), 0)
            ON CONFLICT (DeploymentId) DO NOTHING
            RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM created) AS Created
        """;

    private static readonly string ReadRowQuery = $"""
        SELECT v.Version, {MemberColumns}
        FROM OrleansMembershipVersionTable v
        LEFT JOIN OrleansMembershipTable m
          ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
        WHERE v.DeploymentId = @DeploymentId
        """;

    private static readonly string ReadAllQuery = $"""
        SELECT v.Version, {MemberColumns}
        FROM OrleansMembershipVersionTable v
        LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
        WHERE v.DeploymentId = @DeploymentId
        """;

    // The version row's lock serializes every versioned write of a cluster: a writer that waited re-checks the version
    // after the first one commits, finds it moved on, and writes nothing.
    private static readonly string InsertQuery = $"""
        WITH bumped AS (
            UPDATE OrleansMembershipVersionTable
            SET Version = Version + 1, ModifiedOn = now()
            WHERE DeploymentId = @DeploymentId AND Version = @Version
              AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable WHERE {SiloMatches})
            RETURNING DeploymentId
        ), inserted AS (
            INSERT INTO OrleansMembershipTable
                (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes,
                 StartTime, IAmAliveTime)
            SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, NULL,
                   @StartTime, @IAmAliveTime
            FROM bumped
            ON CONFLICT ON CONSTRAINT OrleansMembershipTable_Key DO NOTHING
            RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM inserted) AS Inserted
        """;

    private static readonly string UpdateQuery = $"""
        WITH bumped AS (
            UPDATE OrleansMembershipVersionTable
            SET Version = Version + 1, ModifiedOn = now()
            WHERE DeploymentId = @DeploymentId AND Version = @Version
              AND EXISTS (SELECT 1 FROM OrleansMembershipTable WHERE {SiloMatches})
            RETURNING DeploymentId
        ), updated AS (
            UPDATE OrleansMembershipTable m
            SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
            FROM bumped
            WHERE m.DeploymentId = bumped.DeploymentId
              AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
            RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM updated) AS Updated
        """;

    private static readonly string UpdateIAmAliveQuery = $"""
        UPDATE OrleansMembershipTable
        SET IAmAliveTime = @IAmAliveTime
        WHERE {SiloMatches}
        """;

    private const string GatewaysQuery = """
        SELECT Address, ProxyPort, Generation
        FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
        """;

    // Members first: the foreign key holds at the end of the statement.
    private const string DeleteAllQuery = """
        WITH members AS (
            DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId
        )
        DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
        """;

    private static readonly string CleanupAllQuery = $"""
        DELETE FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId AND Status = {DeadStatus} AND IAmAliveTime < @IAmAliveTime
        """;

    // The provider formats the suspicion list it read back, and an empty list as NULL: compare without that difference.
    private static readonly string CleanupOneQuery = $"""
        DELETE FROM OrleansMembershipTable
        WHERE {SiloMatches} AND Status = {DeadStatus}
          AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
          AND coalesce(SuspectTimes, '') = coalesce(@SuspectTimes, '')
        """;

    // Declared after the texts it uses: static initializers run in textual order.
    public static SchemaPart Part { get; } = new(
        "orleans-clustering",
        [CreateVersionTable, CreateMembershipTable],
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [InsertMembershipVersionKey] = InsertVersionQuery,
            [MembershipReadRowKey] = ReadRowQuery,
            [MembershipReadAllKey] = ReadAllQuery,
            [InsertMembershipKey] = InsertQuery,
            [UpdateMembershipKey] = UpdateQuery,
            [UpdateIAmAlivetimeKey] = UpdateIAmAliveQuery,
            [GatewaysQueryKey] = GatewaysQuery,
            [DeleteMembershipTableEntriesKey] = DeleteAllQuery,
            [CleanupDefunctSiloEntriesKey] = CleanupAllQuery,
            [CleanupDefunctSiloEntryKey] = CleanupOneQuery,
        });
}
