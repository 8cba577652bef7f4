using Medisettle.Grains.Ledger;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Orleans.TestingHost;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// One test's view of a <see cref="SettlementCluster"/> that other tests of its collection share (one after another):
/// its own tier-3 hospital, tier-2 hospital and pharmacy in the demo region 990001 (pack P0), registered when the world
/// is made, and person ids made unique by the test's <see cref="Prefix"/>. A message id is unique per institution, so
/// the test's own institutions keep its msgids apart from every other test's. Fund pools are region-wide and shared:
/// a test reads them at its start (the dispatcher was drained when the world was made) and asserts exact deltas.
/// </summary>
internal sealed class SettlementWorld
{
    public const string Region = "990001";
    public static readonly DateOnly Day = new(2026, 3, 2);

    private static readonly string Secret = Convert.ToBase64String(new byte[32]);
    private readonly SettlementCluster _cluster;
    private int _nextVisit;

    internal SettlementWorld(SettlementCluster cluster, string prefix)
    {
        _cluster = cluster;
        Prefix = prefix;
    }

    /// <summary>Put before this test's person ids and institution codes: no other test of the cluster has it.</summary>
    public string Prefix { get; }

    /// <summary>This test's tier-3 hospital.</summary>
    public string HospitalCode => Id("H990001T3");

    /// <summary>This test's tier-2 hospital.</summary>
    public string OtherHospitalCode => Id("H990001T2");

    /// <summary>This test's pharmacy.</summary>
    public string PharmacyCode => Id("D990001");

    public InProcessTestCluster Cluster => _cluster.Cluster;

    /// <summary>The SQLite database file of the cluster (unused on PostgreSQL).</summary>
    public string DatabasePath => _cluster.DatabasePath;

    /// <summary>The services of the first silo (auditor, journal, policy catalog).</summary>
    public IServiceProvider Services => _cluster.Services;

    public IPostingDispatcherGrain Dispatcher => _cluster.Dispatcher;

    public LedgerAuditor Auditor => _cluster.Auditor;

    /// <summary><paramref name="name"/> made unique to this test.</summary>
    public string Id(string name) => Prefix + name;

    /// <summary>Restarts every silo of the cluster (see <see cref="SettlementCluster.RestartAsync"/>).</summary>
    public Task RestartAsync() => _cluster.RestartAsync();

    public Task<InstitutionSnapshot> RegisterAsync(string code, InstitutionKind kind, InstitutionLevel level, string? secret = null, string region = Region) =>
        Cluster.Client.GetGrain<IInstitutionGrain>(code).RegisterAsync(new InstitutionRegistration
        {
            Profile = new InstitutionProfile
            {
                Code = code,
                Kind = kind,
                Level = level,
                Region = region,
                Designation = DesignationStatus.Active,
                Networked = true,
            },
            Name = code,
            CredentialSecret = secret ?? Secret,
        });

    /// <summary>Enrols this test's person <paramref name="personId"/> (grain key <see cref="Prefix"/> + id).</summary>
    public async Task<IPersonGrain> EnrolAsync(
        string personId,
        Scheme scheme = Scheme.UrbanResident,
        PersonCategory category = PersonCategory.AdultResident,
        decimal accountYuan = 0,
        string region = Region)
    {
        var person = Person(personId);
        await person.EnrolAsync(new PersonEnrolment
        {
            Profile = new PersonProfile
            {
                PersonId = Id(personId),
                Scheme = scheme,
                Category = category,
                InsuredRegion = region,
                EnrolmentDate = new DateOnly(2020, 1, 1),
                PaymentDate = new DateOnly(2020, 1, 1),
            },
            OpeningAccountBalance = Money.FromYuan(accountYuan),
        });
        return person;
    }

    /// <summary>This test's person <paramref name="personId"/> (grain key <see cref="Prefix"/> + id).</summary>
    public IPersonGrain Person(string personId) => Cluster.Client.GetGrain<IPersonGrain>(Id(personId));

    public IInstitutionGrain Institution(string code) => Cluster.Client.GetGrain<IInstitutionGrain>(code);

    /// <summary>A fund pool of region 990001: shared by every test of the cluster.</summary>
    public IFundPoolGrain Fund(Scheme scheme, string fund) => Cluster.Client.GetGrain<IFundPoolGrain>(new FundPoolKey(Region, scheme, fund).ToString());

    /// <summary>An inpatient stay with one 甲类 line of <paramref name="yuan"/>, at this test's tier-3 hospital unless <paramref name="institution"/> is given.</summary>
    public SettleCommand Inpatient(string messageId, decimal yuan, string? institution = null, string? visitId = null, DateOnly? date = null) =>
        Command(messageId, institution ?? HospitalCode, VisitType.Inpatient, visitId, Line(yuan, ItemKind.Service), date ?? Day);

    /// <summary>A purchase of approved drugs for <paramref name="yuan"/> at this test's pharmacy.</summary>
    public SettleCommand Pharmacy(string messageId, decimal yuan, ItemKind kind = ItemKind.ApprovedDrug) =>
        Command(messageId, PharmacyCode, VisitType.Pharmacy, null, Line(yuan, kind), Day);

    public static SettleCommand WithVisit(SettleCommand command, string visitId) =>
        command with { Visit = command.Visit with { VisitId = visitId } };

    internal async Task RegisterInstitutionsAsync()
    {
        await RegisterAsync(HospitalCode, InstitutionKind.Hospital, InstitutionLevel.Tier3);
        await RegisterAsync(OtherHospitalCode, InstitutionKind.Hospital, InstitutionLevel.Tier2);
        await RegisterAsync(PharmacyCode, InstitutionKind.Pharmacy, InstitutionLevel.Unrated);
    }

    private SettleCommand Command(string messageId, string institution, VisitType type, string? visitId, FeeLine line, DateOnly date) => new()
    {
        MessageId = messageId,
        InstitutionCode = institution,
        Visit = new Visit
        {
            VisitId = visitId ?? $"V{Interlocked.Increment(ref _nextVisit):D6}",
            Type = type,
            Date = date,
            AdmissionDate = type == VisitType.Inpatient ? date : null,
            DeclaredTotal = line.Amount,
            FeeLines = [line],
        },
    };

    private static FeeLine Line(decimal yuan, ItemKind kind) => new()
    {
        CatalogueCode = "X0001",
        Name = kind.ToString(),
        Class = FeeClass.ClassA,
        Amount = Money.FromYuan(yuan),
        ItemKind = kind,
        SupplyDays = kind == ItemKind.Service ? null : 7,
    };
}
