using Medisettle.Storage.Compression;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Medisettle.Grains.Diagnostics;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Persons;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.GroupCommit;
using Medisettle.Storage.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// The person's row as a checkpoint (SQLite): between checkpoints a settlement or cancel commits as journal entries
/// alone, and a new activation — after a crash as after a deactivation — applies the entries after the checkpoint
/// again, so it answers exactly what the lost activation held. It counts the entries applied again
/// (<c>medisettle.person.replayed</c>) with a listener that hears every silo in the process, so it runs alone.
/// </summary>
[Collection(PersonReplayMetricsCollection.Name)]
public sealed class PersonCheckpointTests
{
    private const int Persons = 16;

    /// <summary>Enrolment, then c1–c3 as entries alone, c4 rewrites the row, c5–c7 as entries alone.</summary>
    private const int CheckpointEvery = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly JsonGrainStateSerializer RowSerializer = new(JsonGrainStateSerializer.CreateDefaultOptions());

    [Fact]
    public async Task A_silo_crash_loses_nothing_that_committed_to_the_journal_alone()
    {
        long replayed = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SettlementMetrics.MeterName && instrument.Name == "medisettle.person.replayed")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref replayed, value));
        listener.Start();
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.PersonCheckpointEvery = CheckpointEvery);
        var world = await cluster.NewWorldAsync();
        var lastEntries = new Dictionary<string, string>();
        var before = new Dictionary<string, string>();
        for (var p = 0; p < Persons; p++)
        {
            var id = $"K{p:D2}";
            var person = await world.EnrolAsync(id, Scheme.Employee, PersonCategory.Employed, accountYuan: 300m);
            // Every other person's msgids are of the platform's form: their records are keyed by the message (receipts).
            var platformForm = p % 2 == 0;
            string Msgid(string institution, string freeForm, int sequence) => platformForm ? $"{institution}20260302090000{sequence:D4}" : freeForm;
            var first = await person.SettleAsync(world.Inpatient(Msgid(world.HospitalCode, $"M{p}-1", (p * 10) + 1), 8_000m + p));
            for (var i = 2; i <= 6; i++)
            {
                Assert.Equal(SettlementStatus.Settled, (await person.SettleAsync(world.Pharmacy(Msgid(world.PharmacyCode, $"M{p}-{i}", (p * 10) + i), 20m + i))).Status);
            }

            var cancelled = await person.CancelAsync(new CancelCommand
            {
                MessageId = Msgid(world.HospitalCode, $"C{p}", 5000 + p), InstitutionCode = world.HospitalCode, SettlementId = first.SettlementId!,
            });
            Assert.Equal(SettlementStatus.Cancelled, cancelled.Status);
            lastEntries[id] = LedgerNames.CancellationEntry(first.SettlementId!);
            before[id] = JsonSerializer.Serialize(await person.GetSnapshotAsync(), Json);
        }

        // Every row is the checkpoint written with the 4th commit: the last three are in the journal alone.
        foreach (var (id, last) in lastEntries)
        {
            var row = await ReadRowAsync(world, id);
            Assert.Equal(2, row.Version);
            Assert.NotEqual(last, row.State.Journal!.ThroughEntryId);
        }

        var management = world.Cluster.Client.GetGrain<IManagementGrain>(0);
        var lost = world.Cluster.Silos[^1].SiloAddress;
        var onLostSilo = new List<string>();
        foreach (var id in lastEntries.Keys)
        {
            if (lost.Equals(await management.GetActivationAddress(world.Person(id))))
            {
                onLostSilo.Add(id);
            }
        }

        // The silo dies before it can write anything more: its storage refuses every transaction from now on, so the
        // deactivations the kill runs cannot checkpoint either.
        var lostStorage = (GroupCommitGrainStorage)world.Cluster.GetSiloServiceProvider(lost).GetRequiredKeyedService<IGrainStorage>("Default");
        lostStorage.BeforeWritesForTesting = () => throw new IOException("the silo is gone");
        await world.Cluster.KillSiloAsync(world.Cluster.Silos[^1]);

        Assert.InRange(onLostSilo.Count, 1, Persons); // random placement: 16 persons all on one silo is a 1-in-32,768 chance
        foreach (var id in onLostSilo)
        {
            Assert.Equal(2, (await ReadRowAsync(world, id)).Version); // the crash wrote no checkpoint
        }
        foreach (var (id, snapshot) in before)
        {
            Assert.Equal(snapshot, JsonSerializer.Serialize(await world.Person(id).GetSnapshotAsync(), Json));
        }

        Assert.Equal(3L * onLostSilo.Count, Interlocked.Read(ref replayed)); // the three journal-only commits of each lost person, no more

        // The recovered accumulators keep counting: one more swipe each, then the audit of the whole journal.
        foreach (var id in lastEntries.Keys)
        {
            var again = await world.Person(id).SettleAsync(world.Pharmacy($"M{id}-7", 30m));
            Assert.Equal(SettlementStatus.Settled, again.Status);
        }

        await world.Dispatcher.DrainAsync();
        var audit = await world.Auditor.AuditAsync();
        Assert.True(audit.Passed, string.Join("; ", audit.Violations));
    }

    [Fact]
    public async Task Deactivation_writes_the_checkpoint_and_the_next_activation_reads_it()
    {
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.PersonCheckpointEvery = 32);
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("D1", Scheme.Employee, PersonCategory.Employed, accountYuan: 300m);
        string last = "";
        for (var i = 1; i <= 5; i++)
        {
            last = LedgerNames.SettlementEntry((await person.SettleAsync(world.Pharmacy($"M{i}", 10m * i))).SettlementId!);
        }

        var snapshot = JsonSerializer.Serialize(await person.GetSnapshotAsync(), Json);
        var written = await ReadRowAsync(world, "D1");
        Assert.Equal((1L, null), (written.Version, written.State.Journal!.ThroughEntryId)); // only the enrolment

        await world.Cluster.Client.GetGrain<IManagementGrain>(0).DeactivateGrain(((GrainReference)person).GrainId);
        // A call after the deactivation reaches a new activation only once the old one has finished deactivating
        // (one activation at a time), so by its answer the checkpoint is written; no waiting on a clock.
        var reactivated = JsonSerializer.Serialize(await world.Person("D1").GetSnapshotAsync(), Json);
        var checkpoint = await ReadRowAsync(world, "D1");

        Assert.Equal(2, checkpoint.Version);
        Assert.Equal(last, checkpoint.State.Journal!.ThroughEntryId);
        Assert.Equal(snapshot, reactivated);
        Assert.Equal(5, (await world.Person("D1").GetSnapshotAsync())!.ActiveSettlements.Count);
    }

    /// <summary>
    /// A new activation's writes are fenced at the newest entry of its stream, so its first settlement already commits
    /// as journal entries alone: the row stays the checkpoint until the next one is due.
    /// </summary>
    [Fact]
    public async Task A_new_activation_appends_from_its_first_settlement_without_rewriting_the_row()
    {
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.PersonCheckpointEvery = 32);
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("F1", Scheme.Employee, PersonCategory.Employed, accountYuan: 300m);
        var firstEntry = LedgerNames.SettlementEntry((await person.SettleAsync(world.Pharmacy("M1", 40m))).SettlementId!);
        var management = world.Cluster.Client.GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(((GrainReference)person).GrainId);
        await world.Person("F1").GetSnapshotAsync(); // answered by a new activation, once the old one has deactivated
        Assert.Equal((2L, firstEntry), await CheckpointAsync()); // written on deactivation

        var again = await world.Person("F1").SettleAsync(world.Pharmacy("M2", 50m));
        var secondEntry = LedgerNames.SettlementEntry(again.SettlementId!);

        Assert.Equal(SettlementStatus.Settled, again.Status);
        Assert.Equal((2L, firstEntry), await CheckpointAsync()); // the new activation's settlement is in the journal alone
        var snapshot = JsonSerializer.Serialize(await world.Person("F1").GetSnapshotAsync(), Json);
        await management.DeactivateGrain(((GrainReference)world.Person("F1")).GrainId);
        Assert.Equal(snapshot, JsonSerializer.Serialize(await world.Person("F1").GetSnapshotAsync(), Json));
        Assert.Equal((3L, secondEntry), await CheckpointAsync());

        async Task<(long, string?)> CheckpointAsync()
        {
            var row = await ReadRowAsync(world, "F1");
            return (row.Version, row.State.Journal!.ThroughEntryId);
        }
    }

    [Fact]
    public async Task A_retry_after_the_crash_is_answered_from_the_journal_and_applies_nothing_twice()
    {
        await using var cluster = await SettlementCluster.StartAsync(configure: o => o.PersonCheckpointEvery = 32);
        var world = await cluster.NewWorldAsync();
        var person = await world.EnrolAsync("R1");
        var command = world.Inpatient("M1", 10_000m);
        var first = await person.SettleAsync(command);
        await world.Cluster.Client.GetGrain<IManagementGrain>(0).DeactivateGrain(((GrainReference)person).GrainId);

        var retry = await world.Person("R1").SettleAsync(command);

        Assert.Equal((SettlementStatus.Settled, first.SettlementId, first.AnsweredAt), (retry.Status, retry.SettlementId, retry.AnsweredAt));
        var snapshot = await world.Person("R1").GetSnapshotAsync();
        Assert.Equal(Money.FromYuan(5_760m), snapshot!.YearToDateFor(2026).FundsPaid.BasicPooled);
        Assert.Single(snapshot.ActiveSettlements);
    }

    private static async Task<(long Version, PersonState State)> ReadRowAsync(SettlementWorld world, string personId)
    {
        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE grain_key = $key AND state_name = 'person'";
        command.Parameters.AddWithValue("$key", world.Id(personId));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row for person {personId}");
        var state = RowSerializer.Deserialize<PersonState>(new BinaryData(PayloadCodec.Decode((byte[])reader.GetValue(1), "State", personId)))!;
        return (reader.GetInt64(0), state);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PersonReplayMetricsCollection
{
    public const string Name = "person-replay-metrics";
}
