using System.Globalization;
using Medisettle.Grains.Demo;
using Medisettle.Grains.Ledger;
using Medisettle.Grains.Persons;
using Medisettle.Grains.Policy;
using Medisettle.Grains.PolicyPacks;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Workload;
using Medisettle.Storage.Serialization;

namespace Medisettle.LoadTest.Bench;

/// <summary>
/// A real <see cref="PersonState"/> after a few settlements, the state the state-write benchmark writes: the first demo
/// employee of the demo region after <see cref="SettlementCount"/> settlements that the real settlement engine computed for
/// the load test's planned visits (seed <see cref="Seed"/>), applied as the person grain applies them (year accumulators,
/// account balance, live settlements, remembered answers). Its JSON is what the group-commit storage writes for such a person.
/// </summary>
public sealed class PersonStateSample
{
    /// <summary>Settlements in the sample: "a person after a few settlements".</summary>
    public const int SettlementCount = 4;

    /// <summary>Seed of the planned visits the sample settles.</summary>
    public const int Seed = 7;

    /// <summary>Benefit years a settlement stays cancellable (<c>SettlementOptions.CancelWindowYears</c>' default).</summary>
    private const int CancelWindowYears = 2;

    private static readonly DateTimeOffset AnsweredAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Planned visits looked at, at most, to find the sample's settlements.</summary>
    private const int PlansMax = 10_000;

    private static readonly JsonGrainStateSerializer Serializer = new(JsonGrainStateSerializer.CreateDefaultOptions());
    private readonly BinaryData _json;

    private PersonStateSample(BinaryData json, string personId)
    {
        _json = json;
        PersonId = personId;
    }

    /// <summary>The demo person the sample is.</summary>
    public string PersonId { get; }

    /// <summary>Bytes of the sample's JSON (System.Text.Json, as the group-commit storage serializes it).</summary>
    public int JsonBytes => _json.ToMemory().Length;

    /// <summary>Builds the sample with the settlement engine over the packs in <paramref name="packsDirectory"/>.</summary>
    public static PersonStateSample Create(string packsDirectory)
    {
        var engine = new SettlementEngine(PolicyPackLoader.LoadDirectory(packsDirectory));
        var population = new DemoPopulation(1_000, DemoData.DefaultInstitutionCount);
        var personIndex = Enumerable.Range(0, population.PersonCount)
            .First(i => population.Persons[i].InsuredRegion == DemoData.DemoRegion && population.Persons[i].Scheme == Scheme.Employee);
        var enrolment = DemoData.Person(personIndex);
        var state = new PersonState { Profile = enrolment.Profile, AccountBalance = enrolment.OpeningAccountBalance };
        var institutions = population.Institutions.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var planner = new WorkloadPlanner(population, WorkloadMix.Default with { Cancel = 0, Retry = 0 }, Seed, AnsweredAt);
        for (long index = 0; state.ActiveSettlements.Count < SettlementCount; index++)
        {
            if (index == PlansMax)
            {
                throw new InvalidOperationException($"Only {state.ActiveSettlements.Count} of the first {PlansMax} planned visits settled for person {enrolment.Profile.PersonId}; check the packs in {packsDirectory}.");
            }

            var plan = planner.Next(index);
            if (plan.Scheme != Scheme.Employee)
            {
                continue; // the sample person is an employee: only employee-shaped visits
            }

            var command = plan.Fresh;
            var year = command.Visit.Date.Year;
            var computation = engine.Compute(new EngineInput
            {
                Person = enrolment.Profile,
                Institution = institutions[command.InstitutionCode],
                Visit = command.Visit,
                YearToDate = state.Years.TryGetValue(year, out var ytd) ? ytd : YearToDate.Empty(year),
                PersonalAccountBalance = command.UseAccount ? state.AccountBalance : default,
            });
            if (computation is { Breakdown: { } breakdown, YearToDateAfter: { } after })
            {
                var settlementId = SettlementId(index);
                state.ApplySettlement(command.Visit.VisitId, settlementId, breakdown, after, CancelWindowYears);
                state.RecentMessages.Add(new RecentMessage
                {
                    Key = LedgerNames.MessageKey(command.InstitutionCode, command.MessageId),
                    Status = SettlementStatus.Settled,
                    SettlementId = settlementId,
                    AnsweredAt = AnsweredAt,
                });
            }
        }

        return new PersonStateSample(Serializer.Serialize(state), enrolment.Profile.PersonId);
    }

    /// <summary>A fresh copy of the sample state.</summary>
    public PersonState NewState() => Serializer.Deserialize<PersonState>(_json)!;

    /// <summary>
    /// One settlement-shaped change that keeps the state's size: the oldest remembered answer gives way to a new one (a new
    /// message key and settlement id of the same lengths), and one live settlement (the one with the smallest id) moves to the new
    /// settlement id.
    /// </summary>
    public static void ApplyNextSettlement(PersonState state, long sequence)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        if (state.RecentMessages.Count == 0 || state.ActiveSettlements.Count == 0)
        {
            throw new ArgumentException("The state has no remembered answer or live settlement to replace; start from PersonStateSample.NewState().", nameof(state));
        }

        var oldest = state.RecentMessages[0];
        var settlementId = SettlementId(sequence);
        var suffix = (sequence % 10_000_000_000).ToString("D10", CultureInfo.InvariantCulture);
        state.RecentMessages.RemoveAt(0);
        state.RecentMessages.Add(oldest with
        {
            Key = string.Concat(oldest.Key.AsSpan(0, oldest.Key.Length - suffix.Length), suffix),
            SettlementId = settlementId,
        });
        var visit = state.ActiveSettlements.MinBy(pair => pair.Value.SettlementId, StringComparer.Ordinal).Key;
        state.ActiveSettlements[visit] = state.ActiveSettlements[visit] with { SettlementId = settlementId };
    }

    /// <summary>A settlement id of the real ids' shape and length (30 characters), deterministic for the sample.</summary>
    private static string SettlementId(long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"S20260302{sequence % 0x1_0000_0000:x8}{sequence:x13}");
}
