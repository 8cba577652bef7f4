using Medisettle.Storage.Compression;
using Medisettle.Grains.Signing;
using Medisettle.Grains.Tests.Settlement;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Microsoft.Data.Sqlite;
using Orleans.Storage;
using Xunit;

namespace Medisettle.Grains.Tests.Signing;

/// <summary>
/// The replay window and sign-ins are grain state: they hold after a restart of every silo. Each test signs as an
/// institution of its own (the test's prefix), so tests sharing a cluster never meet in a window.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class ReplayWindowGrainTests(SqliteClusters clusters)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(300);
    private const string SignatureA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string SignatureB = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    [Fact]
    public async Task A_signature_recorded_before_a_clean_restart_is_a_replay_after_it_confirmed_or_not()
    {
        // The collection's restartable cluster: this test restarts every silo. A clean stop deactivates the slot,
        // which writes what it recorded in memory only (B).
        var world = await clusters.RestartableWorldAsync();
        const long bucket = 174_000_000;

        var first = await Slot(world, bucket).RecordAsync(bucket, SignatureA);
        await Slot(world, bucket).ConfirmAsync(bucket, SignatureA);
        var again = await Slot(world, bucket).RecordAsync(bucket, SignatureA);
        var unconfirmed = await Slot(world, bucket).RecordAsync(bucket, SignatureB);
        await world.RestartAsync();
        var afterRestart = await Slot(world, bucket).RecordAsync(bucket, SignatureA);
        var unconfirmedAfterRestart = await Slot(world, bucket).RecordAsync(bucket, SignatureB);

        Assert.Equal(
            [ReplayVerdict.Recorded, ReplayVerdict.Replay, ReplayVerdict.Recorded, ReplayVerdict.Replay, ReplayVerdict.Replay],
            [first, again, unconfirmed, afterRestart, unconfirmedAfterRestart]);
    }

    [Fact]
    public async Task Recording_waits_for_no_write_and_confirming_returns_once_a_write_holds_the_signature()
    {
        var world = await clusters.WorldAsync();
        const long bucket = 174_000_000;

        var first = await Slot(world, bucket).RecordAsync(bucket, SignatureA);
        var storedBefore = await StoredSlotOrNullAsync(world, bucket);
        await Slot(world, bucket).ConfirmAsync(bucket, SignatureA);
        var (version, payload) = await StoredSlotAsync(world, bucket);
        var second = await Slot(world, bucket).RecordAsync(bucket, SignatureB);
        var (versionAfterB, payloadAfterB) = await StoredSlotAsync(world, bucket);

        Assert.Equal([ReplayVerdict.Recorded, ReplayVerdict.Recorded], [first, second]);
        Assert.Null(storedBefore);
        Assert.Equal(1, version);
        Assert.Equal([SignatureA[..32]], StoredSignatures(payload));
        Assert.Equal(1, versionAfterB);
        Assert.Equal([SignatureA[..32]], StoredSignatures(payloadAfterB));
    }

    [Fact]
    public async Task Confirming_a_signature_this_activation_does_not_hold_records_it_and_an_expired_bucket_writes_nothing()
    {
        var world = await clusters.WorldAsync();
        const long bucket = 174_000_000;
        var later = bucket + ReplayWindowKeys.SlotCount(Window);

        await Slot(world, later).ConfirmAsync(later, SignatureA); // as after the slot left memory without a write (a crash)
        var replay = await Slot(world, later).RecordAsync(later, SignatureA);
        await Slot(world, bucket).ConfirmAsync(bucket, SignatureB); // the slot has moved on to a later bucket
        var (version, payload) = await StoredSlotAsync(world, later);
        var expired = await Slot(world, bucket).RecordAsync(bucket, SignatureB);

        Assert.Equal(ReplayVerdict.Replay, replay);
        Assert.Equal(1, version);
        Assert.Equal([SignatureA[..32]], StoredSignatures(payload));
        Assert.Equal(ReplayVerdict.Expired, expired);
    }

    [Fact]
    public async Task A_newer_bucket_on_the_same_slot_replaces_the_old_one_and_the_old_bucket_is_expired()
    {
        var world = await clusters.WorldAsync();
        const long bucket = 174_000_000;
        var later = bucket + ReplayWindowKeys.SlotCount(Window);

        var first = await Slot(world, bucket).RecordAsync(bucket, SignatureA);
        var reused = await Slot(world, later).RecordAsync(later, SignatureA);
        var old = await Slot(world, bucket).RecordAsync(bucket, SignatureB);

        Assert.Equal(ReplayWindowKeys.GrainKey(world.Id("H1"), bucket, Window), ReplayWindowKeys.GrainKey(world.Id("H1"), later, Window));
        Assert.Equal([ReplayVerdict.Recorded, ReplayVerdict.Recorded, ReplayVerdict.Expired], [first, reused, old]);
    }

    [Fact]
    public async Task Concurrent_confirmations_of_one_slot_are_each_answered_after_a_committed_write_and_share_writes()
    {
        var world = await clusters.WorldAsync();
        const long bucket = 174_000_000;
        const int requests = 200;
        var signatures = Enumerable.Range(0, requests).Select(i => $"{i:x32}{new string('e', 32)}").ToList();

        var verdicts = await Task.WhenAll(signatures.Select(signature => Slot(world, bucket).RecordAsync(bucket, signature)));
        await Task.WhenAll(signatures.Select(signature => Slot(world, bucket).ConfirmAsync(bucket, signature)));
        var (version, payload) = await StoredSlotAsync(world, bucket);

        Assert.All(verdicts, verdict => Assert.Equal(ReplayVerdict.Recorded, verdict));
        Assert.Equal(signatures.Select(s => s[..ReplayWindowGrain.StoredSignatureLength]).Order(), StoredSignatures(payload).Order());
        Assert.DoesNotContain("\"signatures\"", payload, StringComparison.Ordinal);
        Assert.InRange(version, 1, requests / 2); // one write per confirmation would make it 200
    }

    [Fact]
    public async Task A_write_refused_for_another_writers_version_keeps_what_this_activation_recorded_and_writes_it_with_the_others()
    {
        var world = await clusters.WorldAsync();
        const long bucket = 174_000_000;
        var signatureC = new string('c', 64);
        var signatureD = new string('d', 64);
        await Slot(world, bucket).RecordAsync(bucket, SignatureA);
        await Slot(world, bucket).ConfirmAsync(bucket, SignatureA);
        await Slot(world, bucket).RecordAsync(bucket, SignatureB); // in memory only
        await using (var connection = new SqliteConnection($"Data Source={world.DatabasePath}"))
        {
            // Another activation of the slot (a split cluster) wrote C meanwhile.
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE grain_state SET version = 2, payload = $payload WHERE state_name = 'replay' AND grain_key = $key";
            update.Parameters.AddWithValue("$key", ReplayWindowKeys.GrainKey(world.Id("H1"), bucket, Window));
            update.Parameters.AddWithValue("$payload", System.Text.Encoding.UTF8.GetBytes($"{{\"bucket\":{bucket},\"signatures\":[\"{signatureC[..32]}\"]}}"));
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var refused = await Record.ExceptionAsync(() => Slot(world, bucket).ConfirmAsync(bucket, signatureD));
        // Orleans deactivates an activation whose call threw InconsistentStateException; leaving, it writes what it
        // holds over the version it reloaded: the other writer's C, and its own A, B and D. The deactivation runs
        // after the call has answered, so the test waits for the activation to have left (its write is part of leaving).
        await GrainActivations.WaitUntilGoneAsync(world.Cluster.Client, Slot(world, bucket), "the slot after its refused write");
        var (merged, mergedPayload) = await StoredSlotAsync(world, bucket);
        var verdicts = new[]
        {
            await Slot(world, bucket).RecordAsync(bucket, SignatureA),
            await Slot(world, bucket).RecordAsync(bucket, SignatureB),
            await Slot(world, bucket).RecordAsync(bucket, signatureC),
            await Slot(world, bucket).RecordAsync(bucket, signatureD),
        };
        await Slot(world, bucket).ConfirmAsync(bucket, signatureD);
        var (version, payload) = await StoredSlotAsync(world, bucket);

        var all = new[] { SignatureA, SignatureB, signatureC, signatureD }.Select(s => s[..32]).Order().ToList();
        Assert.IsType<InconsistentStateException>(refused);
        Assert.Equal(3, merged);
        Assert.Equal(all, StoredSignatures(mergedPayload).Order());
        Assert.All(verdicts, verdict => Assert.Equal(ReplayVerdict.Replay, verdict));
        Assert.Equal(3, version); // D was in the merged write already: its confirmation wrote nothing
        Assert.Equal(all, StoredSignatures(payload).Order());
    }

    [Fact]
    public async Task A_slot_stored_as_hex_text_before_still_refuses_its_replays_and_is_rewritten_packed()
    {
        var world = await clusters.WorldAsync();
        const long bucket = 174_000_000;
        var key = ReplayWindowKeys.GrainKey(world.Id("H1"), bucket, Window);
        await using (var connection = new SqliteConnection($"Data Source={world.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO grain_state (grain_type, grain_key, state_name, version, payload, updated_at) VALUES ('replaywindow', $key, 'replay', 1, $payload, 0)";
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.AddWithValue("$payload", System.Text.Encoding.UTF8.GetBytes($"{{\"bucket\":{bucket},\"signatures\":[\"{SignatureA[..32]}\"]}}"));
            await insert.ExecuteNonQueryAsync();
        }

        var replayed = await Slot(world, bucket).RecordAsync(bucket, SignatureA.ToUpperInvariant());
        var other = await Slot(world, bucket).RecordAsync(bucket, SignatureB);
        await Slot(world, bucket).ConfirmAsync(bucket, SignatureB);
        var (version, payload) = await StoredSlotAsync(world, bucket);

        Assert.Equal([ReplayVerdict.Replay, ReplayVerdict.Recorded], [replayed, other]);
        Assert.Equal(2, version);
        Assert.Equal(new[] { SignatureA[..32], SignatureB[..32] }.Order(), StoredSignatures(payload).Order());
        Assert.DoesNotContain("\"signatures\"", payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_that_does_not_start_with_32_hex_characters_is_refused_and_nothing_is_stored()
    {
        var world = await clusters.WorldAsync();
        const long bucket = 174_000_000;

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Slot(world, bucket).RecordAsync(bucket, "zz" + SignatureA[2..]));
        var refusedConfirm = await Assert.ThrowsAsync<ArgumentException>(() => Slot(world, bucket).ConfirmAsync(bucket, "zz" + SignatureA[2..]));

        Assert.StartsWith("A signature must start with 32 hex characters.", refused.Message, StringComparison.Ordinal);
        Assert.StartsWith("A signature must start with 32 hex characters.", refusedConfirm.Message, StringComparison.Ordinal);
        Assert.Equal(ReplayVerdict.Recorded, await Slot(world, bucket).RecordAsync(bucket, SignatureA));
        await Slot(world, bucket).ConfirmAsync(bucket, SignatureA);
        Assert.Equal([SignatureA[..32]], StoredSignatures((await StoredSlotAsync(world, bucket)).Payload));
    }

    /// <summary>The signatures a slot's JSON holds, as 32 lowercase hex characters each.</summary>
    private static List<string> StoredSignatures(string payload)
    {
        using var json = System.Text.Json.JsonDocument.Parse(payload);
        var packed = Convert.FromBase64String(json.RootElement.GetProperty("recorded").GetString()!);
        return packed.Chunk(ReplayWindowGrain.StoredSignatureBytes).Select(c => Convert.ToHexStringLower(c)).ToList();
    }

    [Fact]
    public async Task Concurrent_requests_with_one_signature_record_it_once()
    {
        var world = await clusters.WorldAsync();
        const long bucket = 174_000_000;

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Slot(world, bucket).RecordAsync(bucket, SignatureA)));

        Assert.Equal(1, verdicts.Count(v => v == ReplayVerdict.Recorded));
        Assert.Equal(49, verdicts.Count(v => v == ReplayVerdict.Replay));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(5, 3)]
    [InlineData(300, 62)]
    [InlineData(3600, 722)]
    public void Slots_cover_both_sides_of_the_window_plus_two(int windowSeconds, int slots)
    {
        Assert.Equal(slots, ReplayWindowKeys.SlotCount(TimeSpan.FromSeconds(windowSeconds)));
    }

    [Fact]
    public async Task Sign_in_retried_with_its_msgid_after_a_restart_answers_the_first_sign_in()
    {
        // The collection's restartable cluster: this test restarts every silo.
        var world = await clusters.RestartableWorldAsync();
        var at = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

        var first = await world.Cluster.Client.GetGrain<ISignInGrain>(world.Id("H1")).SignInAsync("M1", "001", at);
        var second = await world.Cluster.Client.GetGrain<ISignInGrain>(world.Id("H1")).SignInAsync("M2", "002", at.AddSeconds(1));
        await world.RestartAsync();
        var retried = await world.Cluster.Client.GetGrain<ISignInGrain>(world.Id("H1")).SignInAsync("M1", "001", at.AddSeconds(2));
        var current = await world.Cluster.Client.GetGrain<ISignInGrain>(world.Id("H1")).GetCurrentAsync();

        Assert.Equal(first, retried);
        Assert.NotEqual(first.SignNo, second.SignNo);
        Assert.Equal(second, current);
    }

    [Fact]
    public async Task A_slot_with_no_request_leaves_memory_writing_what_it_recorded_and_still_refuses_a_replay_after()
    {
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.ReplaySlotIdleTimeout = TimeSpan.FromSeconds(1));
        var world = await cluster.NewWorldAsync();
        const long bucket = 174_000_000;
        var slot = Slot(world, bucket);
        var management = world.Cluster.Client.GetGrain<IManagementGrain>(0);

        var first = await slot.RecordAsync(bucket, SignatureA);
        Assert.Equal(1, await management.GetGrainActivationCount((GrainReference)slot));
        await GrainActivations.WaitUntilGoneAsync(world.Cluster.Client, slot, "the slot (idle timeout 1 s)");

        var (version, payload) = await StoredSlotAsync(world, bucket); // never confirmed: written as the slot left
        var replay = await slot.RecordAsync(bucket, SignatureA);
        var other = await slot.RecordAsync(bucket, SignatureB);

        Assert.Equal([ReplayVerdict.Recorded, ReplayVerdict.Replay, ReplayVerdict.Recorded], [first, replay, other]);
        Assert.Equal(1, version);
        Assert.Equal([SignatureA[..32]], StoredSignatures(payload));
    }

    /// <summary>The slot's row as committed: its version (one more per write) and its JSON.</summary>
    private static async Task<(long Version, string Payload)> StoredSlotAsync(SettlementWorld world, long bucket) =>
        await StoredSlotOrNullAsync(world, bucket) ?? throw new Xunit.Sdk.XunitException("the slot has no row");

    private static async Task<(long Version, string Payload)?> StoredSlotOrNullAsync(SettlementWorld world, long bucket)
    {
        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = 'replay' AND grain_key = $key";
        command.Parameters.AddWithValue("$key", ReplayWindowKeys.GrainKey(world.Id("H1"), bucket, Window));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return (reader.GetInt64(0), System.Text.Encoding.UTF8.GetString(PayloadCodec.Decode((byte[])reader.GetValue(1), "State", "replay slot").Span));
    }

    private static IReplayWindowGrain Slot(SettlementWorld world, long bucket) =>
        world.Cluster.Client.GetGrain<IReplayWindowGrain>(ReplayWindowKeys.GrainKey(world.Id("H1"), bucket, Window));
}
