namespace Medisettle.Storage.Schema;

/// <summary>
/// What Orleans' own ADO.NET grain storage (<c>Microsoft.Orleans.Persistence.AdoNet</c>, invariant <c>Npgsql</c>) needs on
/// PostgreSQL: the <c>OrleansStorage</c> table, the <c>WriteToStorage</c> function and the four query rows the provider
/// reads at start. Apply it together with <see cref="OrleansQueryTable.Part"/>.
/// </summary>
/// <remarks>
/// <para>
/// The provider's contract (from its source): it binds the parameters <c>@GrainIdHash</c> (int), <c>@GrainIdN0</c>,
/// <c>@GrainIdN1</c> (bigint), <c>@GrainTypeHash</c> (int), <c>@GrainTypeString</c>, <c>@GrainIdExtensionString</c> (text, null
/// for keys without an extension), <c>@ServiceId</c> (text), <c>@GrainStateVersion</c> (int, null before the first write) and
/// <c>@PayloadBinary</c> (bytea); it reads the columns <c>PayloadBinary</c> and <c>Version</c> from a read, the column
/// <c>NewGrainStateVersion</c> from a write, and the first column from a clear or delete.
/// </para>
/// <para>
/// The ETag is <c>Version</c>, an integer that every successful write, clear or delete moves on by one. A write or clear
/// that finds another version changes nothing and returns NULL or no row; the provider turns that into
/// <c>InconsistentStateException</c>. <c>DeleteStorageKey</c> is only used when
/// <c>AdoNetGrainStorageOptions.DeleteStateOnClear</c> is set, but the provider asks for it, so it is here too.
/// </para>
/// </remarks>
public static class OrleansPersistenceSchema
{
    /// <summary>Query keys the provider reads from <c>OrleansQuery</c>.</summary>
    public const string ReadFromStorageKey = "ReadFromStorageKey";
    public const string WriteToStorageKey = "WriteToStorageKey";
    public const string ClearStorageKey = "ClearStorageKey";
    public const string DeleteStorageKey = "DeleteStorageKey";

    // Column names and types are the provider's; lengths bound what a grain type, key extension and service id may be.
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS OrleansStorage
        (
            GrainIdHash            integer      NOT NULL,
            GrainIdN0              bigint       NOT NULL,
            GrainIdN1              bigint       NOT NULL,
            GrainTypeHash          integer      NOT NULL,
            GrainTypeString        varchar(512) NOT NULL,
            GrainIdExtensionString varchar(512),
            ServiceId              varchar(150) NOT NULL,
            PayloadBinary          bytea,
            ModifiedOn             timestamptz  NOT NULL,
            Version                integer      NOT NULL
        )
        """;

    // Every query finds its row through the two hashes, then checks the full identity.
    private const string CreateLookupIndex = """
        CREATE INDEX IF NOT EXISTS OrleansStorage_GrainHashes ON OrleansStorage (GrainIdHash, GrainTypeHash)
        """;

    // A function rather than one statement: the first write takes a lock and must then look at the table with a fresh
    // snapshot, which only a second statement gets (READ COMMITTED).
    private static readonly string CreateWriteFunction = $"""
        CREATE OR REPLACE FUNCTION WriteToStorage(
            _GrainIdHash integer, _GrainIdN0 bigint, _GrainIdN1 bigint, _GrainTypeHash integer,
            _GrainTypeString text, _GrainIdExtensionString text, _ServiceId text,
            _GrainStateVersion integer, _PayloadBinary bytea)
        RETURNS TABLE (NewGrainStateVersion integer)
        LANGUAGE plpgsql
        AS $write$
        DECLARE
            _StoredVersion integer;
        BEGIN
            IF _GrainStateVersion IS NULL THEN
                -- No ETag: the caller believes the row does not exist yet. Two activations of one grain (split brain) may
                -- both believe so; the lock on the hash pair, held to the end of the transaction, makes the second one wait
                -- and then see the first one's row, so exactly one of them inserts.
                PERFORM pg_advisory_xact_lock(_GrainIdHash, _GrainTypeHash);
                INSERT INTO OrleansStorage
                    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
                     ServiceId, PayloadBinary, ModifiedOn, Version)
                SELECT _GrainIdHash, _GrainIdN0, _GrainIdN1, _GrainTypeHash, _GrainTypeString, _GrainIdExtensionString,
                       _ServiceId, _PayloadBinary, now(), 1
                WHERE NOT EXISTS (SELECT 1 FROM OrleansStorage WHERE {GrainMatches("_")})
                RETURNING Version INTO _StoredVersion;
            ELSE
                -- Optimistic concurrency: only the holder of the current version may write.
                UPDATE OrleansStorage
                SET PayloadBinary = _PayloadBinary, ModifiedOn = now(), Version = Version + 1
                WHERE {GrainMatches("_")} AND Version = _GrainStateVersion
                RETURNING Version INTO _StoredVersion;
            END IF;

            -- NULL when nothing was written: the caller's ETag was stale.
            RETURN QUERY SELECT _StoredVersion;
        END
        $write$
        """;

    private static readonly string ReadQuery = $"""
        SELECT PayloadBinary, Version
        FROM OrleansStorage
        WHERE {GrainMatches("@")}
        """;

    private const string WriteQuery = """
        SELECT NewGrainStateVersion
        FROM WriteToStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                            @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
        """;

    // Clearing keeps the row (and so the version sequence) and drops the payload.
    private static readonly string ClearQuery = $"""
        UPDATE OrleansStorage
        SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
        WHERE {GrainMatches("@")} AND Version = @GrainStateVersion
        RETURNING Version AS NewGrainStateVersion
        """;

    // The provider compares the returned value with the caller's ETag, so a successful delete returns the next version.
    private static readonly string DeleteQuery = $"""
        DELETE FROM OrleansStorage
        WHERE {GrainMatches("@")} AND Version = @GrainStateVersion
        RETURNING Version + 1 AS NewGrainStateVersion
        """;

    // Declared after the texts it uses: static initializers run in textual order.
    public static SchemaPart Part { get; } = new(
        "orleans-persistence",
        [CreateTable, CreateLookupIndex, CreateWriteFunction],
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ReadFromStorageKey] = ReadQuery,
            [WriteToStorageKey] = WriteQuery,
            [ClearStorageKey] = ClearQuery,
            [DeleteStorageKey] = DeleteQuery,
        });

    /// <summary>The full identity of one grain's row; <paramref name="prefix"/> is "@" in query texts, "_" in the function.</summary>
    private static string GrainMatches(string prefix) => $"""
        GrainIdHash = {prefix}GrainIdHash AND GrainTypeHash = {prefix}GrainTypeHash
          AND GrainIdN0 = {prefix}GrainIdN0 AND GrainIdN1 = {prefix}GrainIdN1
          AND GrainTypeString = {prefix}GrainTypeString
          AND GrainIdExtensionString IS NOT DISTINCT FROM {prefix}GrainIdExtensionString
          AND ServiceId = {prefix}ServiceId
        """;
}
