using System.Text.Json;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Persons;
using Medisettle.Grains.Policy;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Serialization;
using Xunit;
using static Medisettle.Grains.Tests.Policy.Scenario;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// A person's state rebuilt from journal records (<see cref="PersonState.ReplaySettlement"/>,
/// <see cref="PersonState.ReplayCancellation"/>) equals the state the grain built when it committed them: accumulators,
/// balance, live settlements and the control history (the swipes and supplies the P0 employee pack's velocity and
/// duplicate-purchase rules keep, and the ones the window and the supply days drop), across a benefit-year change.
/// </summary>
public sealed class PersonStateReplayTests
{
    private const int CancelWindowYears = 2;
    private static readonly JsonGrainStateSerializer Rows = new(JsonGrainStateSerializer.CreateDefaultOptions());

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void State_rebuilt_from_the_records_equals_the_state_the_commits_built(int seed)
    {
        var random = new Random(seed);
        var person = Employee("990001");
        var live = new PersonState { Profile = person, AccountBalance = Y(2_000m), Journal = new PersonJournalPosition() };
        var replayed = Rows.Deserialize<PersonState>(Rows.Serialize(live))!;
        var records = new List<SettlementRecord>();
        var at = new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.FromHours(8));
        var settled = 0;
        var cancelled = 0;
        var (heldSwipes, heldSupplies) = (0, 0);

        for (var step = 0; step < 40; step++)
        {
            at = at.AddHours(random.Next(1, 30));
            if (records.Count > 0 && random.Next(5) == 0)
            {
                var victim = records[random.Next(records.Count)];
                if (!live.ActiveSettlements.TryGetValue(victim.Breakdown.VisitId, out var active) || active.SettlementId != victim.SettlementId)
                {
                    continue;
                }

                live.ReverseSettlement(victim.Breakdown);
                live.ControlHistory = live.ControlHistory.Without(victim.SettlementId);
                replayed.ReplayCancellation(RoundTrip(victim));
                cancelled++;
                Assert.Equal(Json(live), Json(replayed));
                continue;
            }

            var date = DateOnly.FromDateTime(at.Date);
            var visit = random.Next(3) switch
            {
                0 => Visit(VisitType.Pharmacy, date, Line(20m + random.Next(100), kind: ItemKind.ApprovedDrug, supplyDays: random.Next(0, 10)) with { CatalogueCode = $"XD000{random.Next(3)}" }),
                1 => Visit(VisitType.Outpatient, date, Line(50m + random.Next(300))),
                _ => Inpatient(date, 1_000m + random.Next(5_000)),
            };
            visit = visit with { VisitId = $"V{step}" };
            var institution = visit.Type == VisitType.Pharmacy ? Pharmacy("990001") : Hospital("990001", InstitutionLevel.Tier3);
            var settlementId = $"S{step:D3}";
            var computation = Engine.Compute(new EngineInput
            {
                Person = person,
                Institution = institution,
                Visit = visit,
                YearToDate = live.YearToDateFor(visit.DecisionDate.Year),
                PersonalAccountBalance = live.AccountBalance,
                History = live.ControlHistory,
                SwipedAt = at,
                SettlementId = settlementId,
            });
            if (!computation.IsSettled)
            {
                continue;
            }

            // What PersonGrain does when it commits.
            var history = computation.HistoryAfter!;
            var (keptSwipe, keptSupplies) = history.Holds(settlementId);
            var command = new SettleCommand { MessageId = $"M{step}", InstitutionCode = institution.Code, Visit = visit, UseAccount = true };
            var (record, _) = LedgerWriter.Settle(settlementId, command, "digest", person, institution, computation.Breakdown, at, keptSwipe, keptSupplies);
            live.ApplySettlement(visit.VisitId, settlementId, computation.Breakdown, computation.YearToDateAfter!, CancelWindowYears);
            live.ControlHistory = history;

            replayed.ReplaySettlement(RoundTrip(record), CancelWindowYears);
            records.Add(record);
            settled++;
            heldSwipes = Math.Max(heldSwipes, history.Swipes.Count);
            heldSupplies = Math.Max(heldSupplies, history.Supplies.Count);
            Assert.Equal(Json(live), Json(replayed));
        }

        Assert.True(settled >= 20, $"{settled} settled");
        Assert.True(cancelled >= 2, $"{cancelled} cancelled");
        Assert.Contains(live.Years.Keys, y => y == 2027);
        Assert.True(heldSwipes >= 2 && heldSupplies >= 2, $"the history held at most {heldSwipes} swipes and {heldSupplies} supplies");
    }

    [Fact]
    public void A_record_without_its_engine_input_cannot_be_replayed()
    {
        var state = new PersonState { Profile = Employee("990001") };
        var computation = Engine.Compute(Input(Employee("990001"), Pharmacy("990001"), Visit(VisitType.Pharmacy, new DateOnly(2026, 3, 2), Line(10m, kind: ItemKind.ApprovedDrug))));
        var record = new SettlementRecord
        {
            SettlementId = "S1",
            MessageId = "M1",
            PersonId = "p",
            InstitutionCode = "D990001",
            InsuredRegion = "990001",
            Scheme = Scheme.Employee,
            Breakdown = computation.Breakdown!,
            SettledAt = DateTimeOffset.UnixEpoch,
            PostingIds = [],
        };

        var error = Assert.Throws<InvalidOperationException>(() => state.ReplaySettlement(record, CancelWindowYears));

        Assert.Equal("Settlement S1 has no engine input in its record; the person's state cannot be rebuilt from it.", error.Message);
        Assert.Empty(state.ActiveSettlements);
    }

    private static SettlementRecord RoundTrip(SettlementRecord record) => LedgerJson.Deserialize<SettlementRecord>(LedgerJson.Serialize(record));

    private static string Json(PersonState state) => JsonSerializer.Serialize(Rows.Serialize(state).ToObjectFromJson<JsonElement>());
}
