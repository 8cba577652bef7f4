namespace Medisettle.Storage.Schema;

/// <summary>
/// What Orleans' ADO.NET reminder service (<c>Microsoft.Orleans.Reminders.AdoNet</c>, invariant <c>Npgsql</c>) needs on
/// PostgreSQL: the reminders table and the query rows the 10.4.2 provider reads at start. Apply it together with
/// <see cref="OrleansQueryTable.Part"/>.
/// </summary>
/// <remarks>
/// <para>
/// The provider's contract (from its source). Every query gets <c>@ServiceId</c> (text). A reminder is named by
/// <c>@GrainId</c> (text, <c>GrainId.ToString()</c>, parsed back with <c>GrainId.Parse</c>) and <c>@ReminderName</c>
/// (text). An upsert also binds <c>@GrainHash</c> (int: the grain id's uniform hash code, a uint cast to int),
/// <c>@StartTime</c> (UTC <c>DateTime</c>, sent as timestamptz) and <c>@Period</c> (milliseconds, int or bigint by size).
/// Reads return the columns <c>GrainId</c>, <c>ReminderName</c>, <c>StartTime</c>, <c>Period</c> and <c>Version</c>; a read of
/// one reminder that finds none returns no row.
/// </para>
/// <para>
/// The ETag is <c>Version</c>, an integer. An upsert is last-writer-wins (no ETag given): it creates the row at version 1
/// or moves the version on by one, and returns the new <c>Version</c>. A delete binds the caller's ETag as <c>@Version</c>
/// (int) and returns one row with one boolean column: true only if it deleted a row of exactly that version. Deleting all
/// of a service's rows (<c>DeleteReminderRowsKey</c>) returns nothing.
/// </para>
/// <para>
/// Each silo reads the reminders of its share of the hash ring, <c>(@BeginHash, @EndHash]</c> (int, both uint hashes cast
/// to int, like <c>GrainHash</c>). The provider compares them as signed ints: <c>ReadRangeRows1Key</c> when
/// <c>@BeginHash &lt; @EndHash</c>, otherwise <c>ReadRangeRows2Key</c> for a range that wraps (begin = end is the whole ring).
/// Both range keys are required by the 10.4.2 provider although they are not listed in Orleans' documentation.
/// </para>
/// </remarks>
public static class OrleansRemindersSchema
{
    /// <summary>Query keys the provider reads from <c>OrleansQuery</c>.</summary>
    public const string ReadReminderRowsKey = "ReadReminderRowsKey";
    public const string ReadReminderRowKey = "ReadReminderRowKey";
    public const string ReadRangeRows1Key = "ReadRangeRows1Key";
    public const string ReadRangeRows2Key = "ReadRangeRows2Key";
    public const string UpsertReminderRowKey = "UpsertReminderRowKey";
    public const string DeleteReminderRowKey = "DeleteReminderRowKey";
    public const string DeleteReminderRowsKey = "DeleteReminderRowsKey";

    // Lengths bound a service id, a grain id (type and key) and a reminder name.
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS OrleansRemindersTable
        (
            ServiceId    varchar(150) NOT NULL,
            GrainId      varchar(768) NOT NULL,
            ReminderName varchar(150) NOT NULL,
            StartTime    timestamptz  NOT NULL,
            Period       bigint       NOT NULL,
            GrainHash    integer      NOT NULL,
            Version      integer      NOT NULL,
            CONSTRAINT OrleansRemindersTable_Key PRIMARY KEY (ServiceId, GrainId, ReminderName)
        )
        """;

    // Range reads (every silo, on every ring change) go by hash.
    private const string CreateHashIndex = """
        CREATE INDEX IF NOT EXISTS OrleansRemindersTable_ServiceHash ON OrleansRemindersTable (ServiceId, GrainHash)
        """;

    private const string SelectColumns = "SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable";

    private static readonly string ReadRowsQuery = $"""
        {SelectColumns}
        WHERE ServiceId = @ServiceId AND GrainId = @GrainId
        """;

    private static readonly string ReadRowQuery = $"""
        {SelectColumns}
        WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
        """;

    private static readonly string ReadRangeInsideQuery = $"""
        {SelectColumns}
        WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash
        """;

    private static readonly string ReadRangeWrappingQuery = $"""
        {SelectColumns}
        WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
        """;

    private const string UpsertQuery = """
        INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
        VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
        ON CONFLICT ON CONSTRAINT OrleansRemindersTable_Key DO UPDATE
        SET StartTime = EXCLUDED.StartTime, Period = EXCLUDED.Period, GrainHash = EXCLUDED.GrainHash, Version = r.Version + 1
        RETURNING Version
        """;

    private const string DeleteRowQuery = """
        WITH deleted AS (
            DELETE FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
            RETURNING 1
        )
        SELECT EXISTS (SELECT 1 FROM deleted) AS Deleted
        """;

    private const string DeleteRowsQuery = "DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId";

    // Declared after the texts it uses: static initializers run in textual order.
    public static SchemaPart Part { get; } = new(
        "orleans-reminders",
        [CreateTable, CreateHashIndex],
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ReadReminderRowsKey] = ReadRowsQuery,
            [ReadReminderRowKey] = ReadRowQuery,
            [ReadRangeRows1Key] = ReadRangeInsideQuery,
            [ReadRangeRows2Key] = ReadRangeWrappingQuery,
            [UpsertReminderRowKey] = UpsertQuery,
            [DeleteReminderRowKey] = DeleteRowQuery,
            [DeleteReminderRowsKey] = DeleteRowsQuery,
        });
}
