using System.Data;
using System.Data.Common;
using Medisettle.Storage.Journal;

namespace Medisettle.Storage.GroupCommit;

public sealed partial class GroupCommitGrainStorage
{
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, JournalReadCountMax);
        return _dialect.StreamIndex is { } index
            ? index.Reads.ReadAsync(stream, afterSequence, maxCount, alsoStream: true, cancellationToken)
            : QueryJournalAsync(StorageSql.ReadJournalStream, stream, afterSequence, maxCount, cancellationToken);
    }

    public Task<IReadOnlyList<JournalEntry>> ReadOwnStreamAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, JournalReadCountMax);
        return _dialect.StreamIndex is { } index
            ? index.Reads.ReadAsync(stream, afterSequence, maxCount, alsoStream: false, cancellationToken)
            : QueryJournalAsync(StorageSql.ReadOwnJournalStream, stream, afterSequence, maxCount, cancellationToken, toSafePoint: false);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadOwnStreamFromAsync(string stream, string fromEntryId, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fromEntryId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, JournalReadCountMax);
        if (_dialect.StreamIndex is { } index)
        {
            return await index.Reads.ReadFromAsync(stream, fromEntryId, maxCount, cancellationToken);
        }

        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        await using var command = StorageSql.Command(connection, null, StorageSql.ReadJournalStreamFromEntry);
        command.Add("@stream", stream, DbType.String);
        command.Add("@entry", fromEntryId, DbType.String);
        command.Add("@count", maxCount, DbType.Int32);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAllAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, JournalReadCountMax);
        return QueryJournalAsync(StorageSql.ReadJournalAll, null, afterSequence, maxCount, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadByStreamPrefixAsync(string streamPrefix, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamPrefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, JournalReadCountMax);
        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        var safe = await _dialect.ReadSafeSequenceAsync(connection, cancellationToken);
        await using var command = StorageSql.Command(connection, null, StorageSql.ReadJournalByStreamPrefix);
        command.Add("@prefix", streamPrefix, DbType.String);
        command.Add("@prefixLength", streamPrefix.Length, DbType.Int32);
        command.Add("@after", afterSequence, DbType.Int64);
        command.Add("@safe", safe, DbType.Int64);
        command.Add("@count", maxCount, DbType.Int32);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadByStreamPrefixesAsync(IReadOnlyList<string> streamPrefixes, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamPrefixes);
        ArgumentOutOfRangeException.ThrowIfZero(streamPrefixes.Count, nameof(streamPrefixes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(streamPrefixes.Count, IJournal.StreamPrefixesMax, nameof(streamPrefixes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, JournalReadCountMax);
        foreach (var prefix in streamPrefixes)
        {
            ArgumentException.ThrowIfNullOrEmpty(prefix, nameof(streamPrefixes));
        }

        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        var safe = await _dialect.ReadSafeSequenceAsync(connection, cancellationToken);
        await using var command = StorageSql.Command(connection, null, StorageSql.ReadJournalByStreamPrefixes(streamPrefixes.Count));
        for (var i = 0; i < streamPrefixes.Count; i++)
        {
            command.Add($"@p{i}", streamPrefixes[i], DbType.String);
            command.Add($"@l{i}", streamPrefixes[i].Length, DbType.Int32);
        }

        command.Add("@after", afterSequence, DbType.Int64);
        command.Add("@safe", safe, DbType.Int64);
        command.Add("@count", maxCount, DbType.Int32);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadAtAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequences.Count, IJournal.SequencesMax, nameof(sequences));
        if (sequences.Count == 0)
        {
            return [];
        }

        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        await using var command = StorageSql.Command(connection, null, StorageSql.ReadJournalAt(sequences.Count));
        for (var i = 0; i < sequences.Count; i++)
        {
            command.Add($"@q{i}", sequences[i], DbType.Int64);
        }

        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task<long> ReadSafeSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        return await _dialect.ReadSafeSequenceAsync(connection, cancellationToken);
    }

    public async Task<long> ReadHeadSequenceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        await using var command = StorageSql.Command(connection, null, StorageSql.ReadJournalHead);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<JournalEntry?> FindAsync(string entryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entryId);
        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        await using (var command = StorageSql.Command(connection, null, StorageSql.FindJournalEntry))
        {
            command.Add("@entry", entryId, DbType.String);
            var entries = await ReadEntriesAsync(command, cancellationToken);
            if (entries.Count > 0)
            {
                return entries[0];
            }
        }

        // An entry found by id only (JournalAppend.FoundByIdOnly), in its own table: no sequence, no stream.
        await using var keyed = StorageSql.Command(connection, null, StorageSql.FindKeyedEntry);
        keyed.Add("@entry", entryId, DbType.String);
        var found = await ReadEntriesAsync(keyed, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Entries after a sequence, up to the safe point unless <paramref name="toSafePoint"/> is false (every committed entry).</summary>
    private async Task<IReadOnlyList<JournalEntry>> QueryJournalAsync(
        string sql, string? stream, long afterSequence, int maxCount, CancellationToken cancellationToken, bool toSafePoint = true)
    {
        await using var connection = await _dialect.OpenConnectionAsync(cancellationToken);
        var safe = toSafePoint ? await _dialect.ReadSafeSequenceAsync(connection, cancellationToken) : long.MaxValue;
        await using var command = StorageSql.Command(connection, null, sql);
        if (stream is not null)
        {
            command.Add("@stream", stream, DbType.String);
        }

        command.Add("@after", afterSequence, DbType.Int64);
        command.Add("@safe", safe, DbType.Int64);
        command.Add("@count", maxCount, DbType.Int32);
        return await ReadEntriesAsync(command, cancellationToken);
    }

    private static async Task<List<JournalEntry>> ReadEntriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(JournalEntry.FromRow(reader));
        }

        return entries;
    }
}
