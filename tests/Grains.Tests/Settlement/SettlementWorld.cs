using Medisettle.Grains.Hosting;
using Medisettle.Grains.Ledger;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Ledger;
using Medisettle.Interfaces.Settlement;
using Medisettle.Storage.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Messaging;
using Orleans.TestingHost;

namespace Medisettle.Grains.Tests.Settlement;

/// <summary>
/// An Orleans test cluster of <see cref="SiloCount"/> silos with the settlement grains on the demo region 990001
/// (pack P0): a tier-3 hospital, a pharmacy and helpers to enrol people and build visits. Persons, funds and
/// institutions are placed on any silo, so every test also crosses silos. The posting dispatcher is driven by hand.
/// </summary>
internal sealed class SettlementWorld : IAsyncDisposable
{
    public const string Region = "990001";
    public const string HospitalCode = "H990001T3";
    public const string OtherHospitalCode = "H990001T2";
    public const string PharmacyCode = "D990001";
    public static readonly DateOnly Day = new(2026, 3, 2);

    private static readonly string Secret = Convert.ToBase64String(new byte[32]);
    private int _nextVisit;

    public const int SiloCount = 2;

    /// <summary>After a restart: calls to distinct grains that must reach a silo in a row, and how long that may take.</summary>
    private const int ProbesInARow = 16;
    private static readonly TimeSpan ReachableWithin = TimeSpan.FromSeconds(30);

    /// <summary>The SQLite database (when not on PostgreSQL) and the key ring that protects institution secrets.</summary>
    private readonly string _directory;

    private SettlementWorld(InProcessTestCluster cluster, string directory)
    {
        Cluster = cluster;
        _directory = directory;
    }

    /// <summary>The SQLite database file (unused on PostgreSQL).</summary>
    public string DatabasePath => Path.Combine(_directory, "silo.db");

    public InProcessTestCluster Cluster { get; }

    /// <summary>The services of the first silo (auditor, journal, policy catalog).</summary>
    public IServiceProvider Services => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress);

    public IPostingDispatcherGrain Dispatcher => Cluster.Client.GetGrain<IPostingDispatcherGrain>(PostingDispatcherGrain.Key);

    public LedgerAuditor Auditor => Services.GetRequiredService<LedgerAuditor>();

    /// <summary>
    /// Starts <paramref name="siloCount"/> silos on PostgreSQL at <paramref name="postgresConnection"/>, or on a fresh
    /// SQLite file when null, and registers the demo institutions unless <paramref name="registerInstitutions"/> is
    /// false (a second cluster on a database the first one set up).
    /// </summary>
    public static async Task<SettlementWorld> StartAsync(
        string? postgresConnection = null, Action<SettlementOptions>? configure = null, int siloCount = SiloCount, bool registerInstitutions = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"medisettle-grains-{Guid.NewGuid():N}");
        var builder = new InProcessTestClusterBuilder(checked((short)siloCount));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddCredentialProtection(Path.Combine(directory, "keys"));
            // Random, not Orleans' load-based default, so persons, funds and institutions spread over the silos.
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            if (postgresConnection is not null)
            {
                silo.AddPostgresGroupCommitStorageAsDefault(o => o.ConnectionString = postgresConnection);
            }
            else
            {
                silo.AddSqliteGroupCommitStorageAsDefault(o =>
                {
                    o.DatabasePath = Path.Combine(directory, "silo.db");
                    o.Synchronous = SqliteSynchronousMode.Normal;
                });
            }

            silo.AddSettlementGrains(options =>
            {
                options.DispatchInBackground = false;
                configure?.Invoke(options);
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        var world = new SettlementWorld(cluster, directory);
        if (!registerInstitutions)
        {
            return world;
        }

        await world.RegisterAsync(HospitalCode, InstitutionKind.Hospital, InstitutionLevel.Tier3);
        await world.RegisterAsync(OtherHospitalCode, InstitutionKind.Hospital, InstitutionLevel.Tier2);
        await world.RegisterAsync(PharmacyCode, InstitutionKind.Pharmacy, InstitutionLevel.Unrated);
        return world;
    }

    public Task<InstitutionSnapshot> RegisterAsync(string code, InstitutionKind kind, InstitutionLevel level, string? secret = null) =>
        Cluster.Client.GetGrain<IInstitutionGrain>(code).RegisterAsync(new InstitutionRegistration
        {
            Profile = new InstitutionProfile
            {
                Code = code,
                Kind = kind,
                Level = level,
                Region = Region,
                Designation = DesignationStatus.Active,
                Networked = true,
            },
            Name = code,
            CredentialSecret = secret ?? Secret,
        });

    public async Task<IPersonGrain> EnrolAsync(
        string personId,
        Scheme scheme = Scheme.UrbanResident,
        PersonCategory category = PersonCategory.AdultResident,
        decimal accountYuan = 0)
    {
        var person = Person(personId);
        await person.EnrolAsync(new PersonEnrolment
        {
            Profile = new PersonProfile
            {
                PersonId = personId,
                Scheme = scheme,
                Category = category,
                InsuredRegion = Region,
                EnrolmentDate = new DateOnly(2020, 1, 1),
                PaymentDate = new DateOnly(2020, 1, 1),
            },
            OpeningAccountBalance = Money.FromYuan(accountYuan),
        });
        return person;
    }

    public IPersonGrain Person(string personId) => Cluster.Client.GetGrain<IPersonGrain>(personId);

    public IInstitutionGrain Institution(string code) => Cluster.Client.GetGrain<IInstitutionGrain>(code);

    public IFundPoolGrain Fund(Scheme scheme, string fund) => Cluster.Client.GetGrain<IFundPoolGrain>(new FundPoolKey(Region, scheme, fund).ToString());

    /// <summary>An inpatient stay with one 甲类 line of <paramref name="yuan"/>.</summary>
    public SettleCommand Inpatient(string messageId, decimal yuan, string institution = HospitalCode, string? visitId = null, DateOnly? date = null) =>
        Command(messageId, institution, VisitType.Inpatient, visitId, Line(yuan, ItemKind.Service), date ?? Day);

    /// <summary>A pharmacy purchase of approved drugs for <paramref name="yuan"/>.</summary>
    public SettleCommand Pharmacy(string messageId, decimal yuan, ItemKind kind = ItemKind.ApprovedDrug) =>
        Command(messageId, PharmacyCode, VisitType.Pharmacy, null, Line(yuan, kind), Day);

    public static SettleCommand WithVisit(SettleCommand command, string visitId) =>
        command with { Visit = command.Visit with { VisitId = visitId } };

    /// <summary>
    /// Stops every silo gracefully (their storage commits what is queued), starts a new one in its place, and returns
    /// once the test client reaches the new silos: until its gateway list is refreshed, a call can still be sent to a
    /// stopped silo's gateway and fail to connect, as a hospital's first call after a restart may.
    /// </summary>
    public async Task RestartAsync()
    {
        foreach (var silo in Cluster.Silos.ToList())
        {
            await Cluster.RestartSiloAsync(silo);
        }

        var deadline = DateTime.UtcNow + ReachableWithin;
        var reached = 0;
        for (var probe = 0; reached < ProbesInARow; probe++)
        {
            try
            {
                await Cluster.Client.GetGrain<IPersonGrain>($"probe-{probe}").GetSnapshotAsync();
                reached++;
            }
            catch (ConnectionFailedException) when (DateTime.UtcNow < deadline)
            {
                reached = 0;
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
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
