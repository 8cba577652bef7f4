using System.Globalization;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.LoadTest.Workload;

/// <summary>
/// Plans arrivals deterministically from a seed: the kind by the mix's weights, a person of the demo region
/// (pharmacy swipes go to employees, whose pharmacy purchases the account pays; residents' ordinary outpatient
/// and pharmacy visits are not covered in region 990001, so their outpatient visits are 门诊大病 dialysis), an
/// institution of the right kind, fee lines and amounts, and message ids unique per institution. Not thread-safe:
/// the arrival loop owns it.
/// </summary>
public sealed class WorkloadPlanner
{
    /// <summary>The settlement (and discharge) date of every planned visit: inside the demo packs' benefit year.</summary>
    public static readonly DateOnly VisitDate = new(2026, 3, 2);

    private const string MajorDisease = "uraemia-dialysis";

    private readonly DemoPopulation _population;
    private readonly Random _random;
    private readonly SwipeKind[] _kinds = Enum.GetValues<SwipeKind>();
    private readonly double[] _cumulativeWeights;
    private readonly int[] _demoPersons;
    private readonly int[] _demoEmployees;
    private readonly InstitutionProfile[] _pharmacies;
    private readonly InstitutionProfile[] _hospitals;
    private readonly InstitutionProfile[] _clinics;
    private readonly Dictionary<string, int> _messageSequence = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _start;
    private readonly string _runTag;

    public WorkloadPlanner(DemoPopulation population, WorkloadMix mix, int seed, DateTimeOffset runStart)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(mix);
        _population = population;
        _random = new Random(seed);
        _cumulativeWeights = new double[_kinds.Length];
        var total = 0.0;
        for (var i = 0; i < _kinds.Length; i++)
        {
            var weight = mix.WeightOf(_kinds[i]);
            ArgumentOutOfRangeException.ThrowIfNegative(weight, nameof(mix));
            total += weight;
            _cumulativeWeights[i] = total;
        }

        if (total <= 0)
        {
            throw new ArgumentException("The workload mix has no positive weight.", nameof(mix));
        }

        var persons = population.Persons;
        _demoPersons = Enumerable.Range(0, persons.Count).Where(i => persons[i].InsuredRegion == DemoData.DemoRegion).ToArray();
        _demoEmployees = _demoPersons.Where(i => persons[i].Scheme == Scheme.Employee).ToArray();
        _pharmacies = InRegion(population.Pharmacies);
        _hospitals = InRegion(population.Hospitals);
        _clinics = InRegion(population.Outpatient);
        if (_demoEmployees.Length == 0 || _pharmacies.Length == 0 || _hospitals.Length == 0)
        {
            throw new ArgumentException("The population has no employee, pharmacy or hospital in the demo region.", nameof(population));
        }

        var local = runStart.ToOffset(TimeSpan.FromHours(8));
        _start = local;
        _runTag = local.ToString("HHmmss", CultureInfo.InvariantCulture);
    }

    /// <summary>Plans arrival <paramref name="index"/>; call with increasing indexes.</summary>
    public SwipePlan Next(long index)
    {
        var kind = PickKind();
        var fresh = kind is SwipeKind.Cancel or SwipeKind.Retry ? PickFreshKind() : kind;
        var personIndex = fresh == SwipeKind.Pharmacy ? Pick(_demoEmployees) : Pick(_demoPersons);
        var person = _population.Persons[personIndex];
        var command = fresh switch
        {
            SwipeKind.Pharmacy => PharmacyCommand(index),
            SwipeKind.Outpatient => OutpatientCommand(index, person),
            _ => InpatientCommand(index),
        };
        return new SwipePlan
        {
            Index = index,
            Kind = kind,
            FreshKind = fresh,
            PersonId = person.PersonId,
            Scheme = person.Scheme,
            Fresh = command,
            SecondMessageId = NextMessageId(command.InstitutionCode),
            CancelMessageTail = CancelMessageTail(index),
        };
    }

    private SwipeKind PickKind()
    {
        var x = _random.NextDouble() * _cumulativeWeights[^1];
        for (var i = 0; i < _kinds.Length; i++)
        {
            if (x < _cumulativeWeights[i])
            {
                return _kinds[i];
            }
        }

        return _kinds[^1];
    }

    /// <summary>The fresh kind behind a cancel or retry fallback: pharmacy, outpatient or inpatient by their weights.</summary>
    private SwipeKind PickFreshKind()
    {
        var pharmacy = _cumulativeWeights[0];
        var outpatient = _cumulativeWeights[1] - _cumulativeWeights[0];
        var inpatient = _cumulativeWeights[2] - _cumulativeWeights[1];
        var x = _random.NextDouble() * (pharmacy + outpatient + inpatient);
        return x < pharmacy ? SwipeKind.Pharmacy : x < pharmacy + outpatient ? SwipeKind.Outpatient : SwipeKind.Inpatient;
    }

    private SettleCommand PharmacyCommand(long index)
    {
        var institution = Pick(_pharmacies);
        var lines = new FeeLine[1 + _random.Next(3)];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = Line("XD" + (1000 + _random.Next(9000)).ToString(CultureInfo.InvariantCulture), Fen(1_500, 30_000), ItemKind.ApprovedDrug, FeeClass.ClassA, 7);
        }

        return Command(index, institution.Code, VisitType.Pharmacy, null, null, lines);
    }

    private SettleCommand OutpatientCommand(long index, PersonProfile person)
    {
        if (person.Scheme == Scheme.Employee)
        {
            var clinic = Pick(_clinics);
            return Command(index, clinic.Code, VisitType.Outpatient, null, null, [Line("XS0001", Fen(3_000, 80_000), ItemKind.Service, FeeClass.ClassA, null)]);
        }

        var hospital = Pick(_hospitals);
        return Command(index, hospital.Code, VisitType.OutpatientMajorDisease, null, MajorDisease,
            [Line("XS0002", Fen(20_000, 200_000), ItemKind.Service, FeeClass.ClassA, null)]);
    }

    private SettleCommand InpatientCommand(long index)
    {
        var hospital = Pick(_hospitals);
        var stayDays = 1 + _random.Next(14);
        var service = Line("XS0100", Fen(100_000, 3_000_000), ItemKind.Service, FeeClass.ClassA, null);
        var drugs = Line("XD0100", Fen(20_000, 1_000_000), ItemKind.ApprovedDrug, FeeClass.ClassB, stayDays);
        return Command(index, hospital.Code, VisitType.Inpatient, VisitDate.AddDays(-stayDays), null, [service, drugs]);
    }

    private SettleCommand Command(long index, string institution, VisitType type, DateOnly? admission, string? disease, FeeLine[] lines)
    {
        var total = Money.Zero;
        foreach (var line in lines)
        {
            total += line.Amount;
        }

        return new SettleCommand
        {
            MessageId = NextMessageId(institution),
            InstitutionCode = institution,
            Visit = new Visit
            {
                VisitId = string.Concat("V", _runTag, index.ToString("D10", CultureInfo.InvariantCulture)),
                Type = type,
                Date = VisitDate,
                AdmissionDate = admission,
                DiseaseCode = disease,
                DeclaredTotal = total,
                FeeLines = lines,
            },
        };
    }

    private static FeeLine Line(string code, Money amount, ItemKind kind, FeeClass feeClass, int? supplyDays) => new()
    {
        CatalogueCode = code,
        Name = code,
        Class = feeClass,
        Amount = amount,
        ItemKind = kind,
        SupplyDays = supplyDays,
        Quantity = 1,
    };

    /// <summary>msgid: fixmedins_code + run start yyyyMMddHHmmss + a 4-digit sequence per institution (30 characters).</summary>
    private string NextMessageId(string institution)
    {
        var sequence = _messageSequence.GetValueOrDefault(institution) + 1;
        _messageSequence[institution] = sequence;
        // Every 10,000 ids of an institution move its stamp one second on, so ids stay 30 characters and unique.
        var stamp = _start.AddSeconds(sequence / 10_000).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return string.Concat(institution, stamp, (sequence % 10_000).ToString("D4", CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The msgid tail of a cancel planned at <paramref name="index"/>: a stamp counting back from one second before the
    /// run start (<see cref="NextMessageId"/>'s count forward from it) and a 4-digit sequence. Unique per index, so a
    /// cancel's msgid is none of this run's other msgids, whichever institution sends it.
    /// </summary>
    private string CancelMessageTail(long index) => string.Concat(
        _start.AddSeconds(-1 - index / 10_000).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
        (index % 10_000).ToString("D4", CultureInfo.InvariantCulture));

    private Money Fen(long low, long high) => new(_random.NextInt64(low, high));

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static InstitutionProfile[] InRegion(IEnumerable<InstitutionProfile> institutions) =>
        institutions.Where(i => i.Region == DemoData.DemoRegion).ToArray();
}
