using System.Diagnostics;
using System.Globalization;
using System.Text;
using Medisettle.Grains.Ledger;
using Medisettle.Storage.Compression;
using Medisettle.Storage.Dialects;
using Medisettle.Storage.Hosting;
using Medisettle.Storage.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Medisettle.LoadTest.Bench;

/// <summary>What to write in <see cref="PhysicalLimits"/>.</summary>
internal sealed record PhysicalLimitsOptions
{
    /// <summary>Directory for the scratch SQLite files (one per case, deleted afterwards).</summary>
    public required string Directory { get; init; }

    /// <summary>Settlements written per case.</summary>
    public int Settlements { get; init; } = 100_000;

    /// <summary>Settlements per transaction: about what the group-commit writer averages under a backlog (200–550 writes), not its <c>GroupCommitBatchMax</c>.</summary>
    public int Batch { get; init; } = 256;

    /// <summary>Bytes of the one compact row per settlement the first cases write.</summary>
    public int CompactRowBytes { get; init; } = 600;

    /// <summary>Rows of the person table the person-row cases update at random.</summary>
    public int Persons { get; init; } = 100_000;

    /// <summary>Bytes of each person row.</summary>
    public int PersonRowBytes { get; init; } = 1_000;

    /// <summary>Appends and fsyncs of a scratch file per fsync measurement.</summary>
    public int Fsyncs { get; init; } = 300;
}

/// <summary>One measured case: settlements written per second and what each one wrote.</summary>
internal sealed record PhysicalCase(string Name, double SettlementsPerSecond, double RowsPerSettlement, double PayloadBytesPerSettlement, long JournalRows);

/// <summary>Latency of appending <see cref="Bytes"/> to a file and fsyncing it.</summary>
internal sealed record FsyncLatency(int Bytes, double P50Microseconds, double P99Microseconds);

internal sealed record PhysicalReport(IReadOnlyList<PhysicalCase> Cases, IReadOnlyList<FsyncLatency> Fsyncs);

/// <summary>
/// The machine's ceiling for durable settlements on SQLite: the same pragmas as the group-commit storage (WAL,
/// <c>synchronous=FULL</c>, 64 MiB page cache, checkpoint every 1,000 pages), one writer, one transaction per batch,
/// prepared statements, nothing else running — no grains, no JSON, no engine in the timed part. The first cases write
/// one compact row per settlement and add one cost at a time (a unique index on a time-ordered message key, on a
/// random one instead, a random update of a person row); the last writes today's settlement: the real journal rows
/// (record, receipt, postings, flags, as <see cref="LedgerWriter"/> makes them for the standard mix) into the
/// storage's own tables and indexes, plus the person's state row; then the same without the (stream, sequence) index
/// and without the person row, which is what each of them costs. And the fsync latency of the disk.
/// </summary>
internal sealed class PhysicalLimits(PhysicalLimitsOptions options)
{
    private static readonly DateTimeOffset SettledAt = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 1000;";

    public async Task<PhysicalReport> RunAsync(TextWriter log, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(options.Directory);
        // Untimed first: JIT and SQLite's first file set-up would otherwise land in the first case.
        await new PhysicalLimits(options with { Settlements = Math.Min(options.Settlements, 2_000) })
            .CompactAsync("warm-up", index: TimeOrderedKey, personRow: false, cancellationToken);
        var cases = new List<PhysicalCase>
        {
            await CompactAsync("one compact row, time-ordered key", index: null, personRow: false, cancellationToken),
            await CompactAsync("+ unique index on a time-ordered message key", index: TimeOrderedKey, personRow: false, cancellationToken),
            await CompactAsync("+ unique index on a random message key instead", index: RandomKey, personRow: false, cancellationToken),
            await CompactAsync("time-ordered message key + random person-row update", index: TimeOrderedKey, personRow: true, cancellationToken),
            await CompactAsync("random message key + random person-row update", index: RandomKey, personRow: true, cancellationToken),
        };
        var today = TodaysSettlements(log);
        cases.Add(await TodayAsync("today's settlement: its journal rows in the storage's tables + its person's state row", today, streamIndex: true, personRow: true, backgroundCheckpoints: false, cancellationToken));
        cases.Add(await TodayAsync("today's, without the two stream indexes", today, streamIndex: false, personRow: true, backgroundCheckpoints: false, cancellationToken));
        cases.Add(await TodayAsync("today's, without the person-row update", today, streamIndex: true, personRow: false, backgroundCheckpoints: false, cancellationToken));
        cases.Add(await TodayAsync("today's, WAL checkpoints on another connection, not in the commits", today, streamIndex: true, personRow: true, backgroundCheckpoints: true, cancellationToken));
        cases.Add(await TodayAsync("today's, payloads compressed as the storage stores them", today, streamIndex: true, personRow: true, backgroundCheckpoints: false, cancellationToken, compressed: true));
        cases.Add(await TodayAsync("today's, without the person-row update, payloads compressed", today, streamIndex: true, personRow: false, backgroundCheckpoints: false, cancellationToken, compressed: true));
        cases.Add(await TodayAsync(
            "the same, without the (stream, sequence) index", today, streamIndex: false, personRow: false, backgroundCheckpoints: false, cancellationToken, compressed: true, alsoStreamIndex: true));
        cases.Add(await TodayAsync(
            "the same, without the second-stream index", today, streamIndex: true, personRow: false, backgroundCheckpoints: false, cancellationToken, compressed: true, alsoStreamIndex: false));
        foreach (var measured in cases)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{measured.Name}: {measured.SettlementsPerSecond:N0} settlements/s"));
        }

        var fsyncs = new[] { Fsync(4_096), Fsync(65_536) };
        return new PhysicalReport(cases, fsyncs);
    }

    private static string TimeOrderedKey(long i) => "M" + i.ToString("D20", CultureInfo.InvariantCulture);

    private static string RandomKey(long i) => Mix(i).ToString("x16", CultureInfo.InvariantCulture) + i.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>A fixed scramble of <paramref name="i"/> (SplitMix64's finaliser): random-looking, the same in every run.</summary>
    private static ulong Mix(long i)
    {
        unchecked
        {
            var z = (ulong)i + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private async Task<PhysicalCase> CompactAsync(string name, Func<long, string>? index, bool personRow, CancellationToken cancellationToken)
    {
        await using var file = await ScratchAsync(cancellationToken);
        var connection = file.Connection;
        await ExecuteAsync(connection, index is null
            ? "CREATE TABLE settlement (sequence INTEGER PRIMARY KEY, payload TEXT NOT NULL);"
            : "CREATE TABLE settlement (sequence INTEGER PRIMARY KEY, message_key TEXT NOT NULL UNIQUE, payload TEXT NOT NULL);", cancellationToken);
        var persons = personRow ? await CreatePersonsAsync(connection, cancellationToken) : null;
        var payload = new string('x', options.CompactRowBytes);
        await using var insert = connection.CreateCommand();
        insert.CommandText = index is null
            ? "INSERT INTO settlement (payload) VALUES ($payload)"
            : "INSERT INTO settlement (message_key, payload) VALUES ($key, $payload)";
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        insert.Parameters.AddWithValue("$payload", payload);
        var perSecond = await TimeBatchesAsync(connection, async (i, transaction) =>
        {
            insert.Transaction = transaction;
            key.Value = index?.Invoke(i) ?? "";
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (persons is not null)
            {
                await persons.UpdateAsync(transaction, i, cancellationToken);
            }
        }, cancellationToken);
        return new PhysicalCase(name, perSecond, 1, options.CompactRowBytes + (personRow ? options.PersonRowBytes : 0), await CountAsync(connection, "settlement", cancellationToken));
    }

    /// <summary>The real journal appends of <see cref="PhysicalLimitsOptions.Settlements"/> fresh settlements of the standard mix.</summary>
    private List<IReadOnlyList<JournalAppend>> TodaysSettlements(TextWriter log)
    {
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"building {options.Settlements:N0} settlements' journal rows (engine and LedgerWriter, not timed)…"));
        var samples = new SettlementSamples();
        var settlements = new List<IReadOnlyList<JournalAppend>>(options.Settlements);
        for (long i = 0; settlements.Count < options.Settlements; i++)
        {
            var (plan, input) = samples.Next(i);
            if (samples.Engine.Compute(input).Breakdown is not { } breakdown)
            {
                continue;
            }

            // As the person grain does: a platform-form msgid makes the settlement id, and the record is its receipt (1 row).
            var settlementId = BenchSettlementIds.For(plan.Fresh, i);
            var (_, appends) = LedgerWriter.Settle(settlementId, plan.Fresh, new string('d', 64), input.Person, input.Institution, breakdown, SettledAt.AddMilliseconds(i));
            settlements.Add(appends);
        }

        return settlements;
    }

    /// <summary>
    /// Today's settlement: its real journal appends into the storage's journal table and indexes (the (stream,
    /// sequence) index unless <paramref name="streamIndex"/> is false; the second streams' unless
    /// <paramref name="alsoStreamIndex"/>, by default <paramref name="streamIndex"/>, is false), and the person's state
    /// row if <paramref name="personRow"/>.
    /// </summary>
    private async Task<PhysicalCase> TodayAsync(
        string name, List<IReadOnlyList<JournalAppend>> settlements, bool streamIndex, bool personRow, bool backgroundCheckpoints, CancellationToken cancellationToken,
        bool compressed = false, bool? alsoStreamIndex = null)
    {
        // Each payload as it is bound: the JSON text, or (compressed) what PayloadCodec stores, made before the clock starts.
        var stored = settlements.Select(s => s.Select(a => compressed && PayloadCodec.Encode(a.Utf8Payload) is { } bytes ? (object)bytes : a.Payload).ToArray()).ToList();
        await using var file = await ScratchAsync(cancellationToken);
        var connection = file.Connection;
        await ExecuteAsync(connection, SqliteDialect.JournalTable, cancellationToken);
        if (streamIndex)
        {
            await ExecuteAsync(connection, SqliteDialect.JournalStreamIndex, cancellationToken);
        }

        if (alsoStreamIndex ?? streamIndex)
        {
            await ExecuteAsync(connection, SqliteDialect.JournalAlsoStreamIndex, cancellationToken);
        }

        var persons = personRow ? await CreatePersonsAsync(connection, cancellationToken) : null;
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO journal (stream, entry_id, payload, created_at, also_stream) VALUES ($stream, $id, $payload, $at, $also)";
        var stream = insert.Parameters.Add("$stream", SqliteType.Text);
        var also = insert.Parameters.Add("$also", SqliteType.Text);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        var created = insert.Parameters.Add("$at", SqliteType.Integer);
        // The storage's own background checkpointer (SqliteDialect's upkeep), on this file.
        var checkpointer = new SqliteDialect(new SqliteStorageOptions { DatabasePath = file.Path, BackgroundCheckpointInterval = TimeSpan.FromMilliseconds(10) });
        if (backgroundCheckpoints)
        {
            await ExecuteAsync(connection, "PRAGMA wal_autocheckpoint = 0;", cancellationToken);
            checkpointer.StartUpkeep(NullLogger.Instance);
        }

        var perSecond = await TimeBatchesAsync(connection, async (i, transaction) =>
        {
            insert.Transaction = transaction;
            created.Value = SettledAt.AddMilliseconds(i).ToUnixTimeMilliseconds();
            var values = stored[(int)i];
            for (var a = 0; a < values.Length; a++)
            {
                var append = settlements[(int)i][a];
                (stream.Value, id.Value, payload.Value, also.Value) = (append.Stream, append.EntryId, values[a], (object?)append.AlsoStream ?? DBNull.Value);
                payload.SqliteType = values[a] is byte[] ? SqliteType.Blob : SqliteType.Text;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            if (persons is not null)
            {
                await persons.UpdateAsync(transaction, i, cancellationToken);
            }
        }, cancellationToken);
        await checkpointer.StopUpkeepAsync();
        var rows = settlements.Sum(s => s.Count);
        var bytes = stored.Sum(s => s.Sum(v => v is byte[] b ? b.Length : (long)Encoding.UTF8.GetByteCount((string)v)));
        return new PhysicalCase(
            name, perSecond, (double)rows / settlements.Count, (double)bytes / settlements.Count + (personRow ? options.PersonRowBytes : 0), await CountAsync(connection, "journal", cancellationToken));
    }

    /// <summary>Runs <paramref name="write"/> for every settlement, <see cref="PhysicalLimitsOptions.Batch"/> to a transaction; settlements per second.</summary>
    private async Task<double> TimeBatchesAsync(SqliteConnection connection, Func<long, SqliteTransaction, Task> write, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (long first = 0; first < options.Settlements; first += options.Batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            for (var i = first; i < Math.Min(first + options.Batch, options.Settlements); i++)
            {
                await write(i, transaction);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return options.Settlements / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary><see cref="PhysicalLimitsOptions.Persons"/> person rows in the storage's <c>grain_state</c> table, filled before the clock starts.</summary>
    private async Task<PersonRows> CreatePersonsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, SqliteDialect.GrainStateTable, cancellationToken);
        var payload = new byte[options.PersonRowBytes];
        Array.Fill(payload, (byte)'p');
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var fill = connection.CreateCommand();
            fill.Transaction = transaction;
            fill.CommandText = "INSERT INTO grain_state VALUES ('person', $key, 'state', 1, $payload, '2026-03-02')";
            var key = fill.Parameters.Add("$key", SqliteType.Text);
            fill.Parameters.AddWithValue("$payload", payload);
            for (var p = 0; p < options.Persons; p++)
            {
                key.Value = PersonKey(p);
                await fill.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var update = connection.CreateCommand();
        update.CommandText = "UPDATE grain_state SET version = version + 1, payload = $payload, updated_at = 1772409600000 WHERE grain_type = 'person' AND grain_key = $key AND state_name = 'state'";
        update.Parameters.AddWithValue("$payload", payload);
        return new PersonRows(update, update.Parameters.Add("$key", SqliteType.Text), options.Persons);
    }

    private static string PersonKey(long p) => "99000100" + p.ToString("D8", CultureInfo.InvariantCulture);

    private FsyncLatency Fsync(int bytes)
    {
        var path = Path.Combine(options.Directory, $"fsync-{Guid.NewGuid():N}.bin");
        var block = new byte[bytes];
        var micros = new double[options.Fsyncs];
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
            for (var i = 0; i < options.Fsyncs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                stream.Write(block);
                stream.Flush(flushToDisk: true);
                micros[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }
        finally
        {
            File.Delete(path);
        }

        Array.Sort(micros);
        return new FsyncLatency(bytes, micros[micros.Length / 2], micros[Math.Min(micros.Length - 1, (int)Math.Ceiling(micros.Length * 0.99) - 1)]);
    }

    private async Task<ScratchDatabase> ScratchAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Directory, $"physical-{Guid.NewGuid():N}.db");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, Pragmas, cancellationToken);
        return new ScratchDatabase(connection, path);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The random person-row update of each settlement (a fixed pseudo-random person per index, so runs repeat).</summary>
    private sealed class PersonRows(SqliteCommand update, SqliteParameter key, int persons)
    {
        public async Task UpdateAsync(SqliteTransaction transaction, long index, CancellationToken cancellationToken)
        {
            update.Transaction = transaction;
            key.Value = PersonKey((long)(Mix(index) % (ulong)persons));
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new InvalidOperationException($"person row {key.Value} was not updated");
            }
        }
    }

    /// <summary>An open scratch database, deleted with its WAL when disposed.</summary>
    private sealed class ScratchDatabase(SqliteConnection connection, string path) : IAsyncDisposable
    {
        public SqliteConnection Connection => connection;

        public string Path => path;

        public async ValueTask DisposeAsync()
        {
            await connection.DisposeAsync();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
