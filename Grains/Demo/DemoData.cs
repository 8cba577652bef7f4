using System.Globalization;
using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Demo;

/// <summary>
/// Deterministic demo data: the same index always gives the same person or institution, on every machine,
/// so the silo, the load test and the README examples agree without sharing a file. Most people and
/// institutions are in the composite demo region 990001 (pack P0); the rest are spread over the reference
/// regions whose packs have a basic layer (P1 370705, P2 220722, P6 131000).
/// </summary>
/// <remarks>
/// The institutions' signing secrets are not derived from anything here: they are random per data directory
/// (<see cref="DemoCredentials"/>, written to <c>demo-credentials.json</c>), so knowing the repository is not
/// knowing a secret. Real institutions are registered through the admin API with their own secrets.
/// </remarks>
public static class DemoData
{
    public const int DefaultPersonCount = 100_000;
    public const int DefaultInstitutionCount = 500;

    /// <summary>The composite demo region (P0).</summary>
    public const string DemoRegion = "990001";

    /// <summary>psn_no of the person with this index: region + 8 digits, e.g. 99000100000042.</summary>
    public static string PersonId(int index) => PersonRegion(index) + index.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>The person with this index (0-based).</summary>
    public static PersonEnrolment Person(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var random = new Random(unchecked(index * 7919 + 17));
        var region = PersonRegion(index);
        var (scheme, category) = SchemeAndCategory(region, index, random);
        var profile = new PersonProfile
        {
            PersonId = PersonId(index),
            Scheme = scheme,
            Category = category,
            InsuredRegion = region,
            EnrolmentDate = new DateOnly(2000 + random.Next(0, 4), 1, 1),
            PaymentDate = region == "131000" ? new DateOnly(2003, 12, 20) : new DateOnly(2000 + random.Next(0, 4), 1 + random.Next(0, 12), 1 + random.Next(0, 28)),
            AssistanceStatuses = random.Next(100) < 5 ? [AssistanceStatuses[random.Next(AssistanceStatuses.Length)]] : [],
            SpecialDiseaseCertificates = region == DemoRegion && random.Next(100) < 3 ? [SpecialDiseases[random.Next(SpecialDiseases.Length)]] : [],
            HasLargeAmountAddOn = scheme != Scheme.Employee && random.Next(100) < 30,
        };
        var account = scheme == Scheme.Employee ? Money.Yuan(random.Next(500, 5_001)) : Money.Zero;
        return new PersonEnrolment { Profile = profile, OpeningAccountBalance = account };
    }

    public static IEnumerable<PersonEnrolment> Persons(int count = DefaultPersonCount) =>
        Enumerable.Range(0, count).Select(Person);

    /// <summary>fixmedins_code of the institution with this index: kind letter + region + 5 digits, e.g. H99000100007.</summary>
    public static string InstitutionCode(int index)
    {
        var (kind, _, region) = InstitutionShape(index);
        return KindLetter(kind) + region + index.ToString("D5", CultureInfo.InvariantCulture);
    }

    /// <summary>The profile of the institution with this index (0-based).</summary>
    public static InstitutionProfile InstitutionProfileAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var (kind, level, region) = InstitutionShape(index);
        return new InstitutionProfile
        {
            Code = InstitutionCode(index),
            Kind = kind,
            Level = level,
            Region = region,
            Designation = DesignationStatus.Active,
            Networked = true,
        };
    }

    /// <summary>The registration of the institution with this index (0-based) with its signing secret (base64).</summary>
    public static InstitutionRegistration Institution(int index, string credentialSecret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(credentialSecret);
        var profile = InstitutionProfileAt(index);
        return new InstitutionRegistration
        {
            Profile = profile,
            Name = $"Demo {profile.Kind} {index}",
            CredentialSecret = credentialSecret,
        };
    }

    /// <summary>9 in 10 people live in the demo region; the rest in P2, P1 and P6 regions.</summary>
    private static string PersonRegion(int index) => (index % 100) switch
    {
        < 90 => DemoRegion,
        < 94 => "220722",
        < 97 => "370705",
        _ => "131000",
    };

    private static (Scheme, PersonCategory) SchemeAndCategory(string region, int index, Random random) => region switch
    {
        "220722" => (Scheme.UrbanResident, random.Next(100) < 30 ? PersonCategory.StudentChild : PersonCategory.AdultResident),
        "370705" => (Scheme.MergedResident, PersonCategory.AdultResident),
        "131000" => (Scheme.Employee, random.Next(100) < 30 ? PersonCategory.Retired : PersonCategory.Employed),
        _ => (index % 10) switch
        {
            < 3 => (Scheme.Employee, PersonCategory.Employed),
            < 4 => (Scheme.Employee, PersonCategory.Retired),
            < 8 => (Scheme.MergedResident, PersonCategory.AdultResident),
            < 9 => (Scheme.UrbanResident, PersonCategory.StudentChild),
            _ => (Scheme.RuralCooperative, PersonCategory.AdultResident),
        },
    };

    /// <summary>Pharmacies are 2 in 5; the rest cycle through every kind and level. 1 in 25 sits in another reference region.</summary>
    private static (InstitutionKind Kind, InstitutionLevel Level, string Region) InstitutionShape(int index)
    {
        if (index % 25 == 24)
        {
            return (index / 25 % 3) switch
            {
                0 => (InstitutionKind.Hospital, InstitutionLevel.Tier3, "370705"),
                1 => (InstitutionKind.CommunityHealthService, InstitutionLevel.Community, "220722"),
                _ => (InstitutionKind.Hospital, InstitutionLevel.CountyOrHigher, "220722"),
            };
        }

        if (index % 5 < 2)
        {
            return (InstitutionKind.Pharmacy, InstitutionLevel.Unrated, DemoRegion);
        }

        return (index % 8) switch
        {
            0 => (InstitutionKind.Hospital, InstitutionLevel.Tier3, DemoRegion),
            1 => (InstitutionKind.Hospital, InstitutionLevel.Tier2, DemoRegion),
            2 => (InstitutionKind.Hospital, InstitutionLevel.Tier1, DemoRegion),
            3 => (InstitutionKind.Hospital, InstitutionLevel.CountyOrHigher, DemoRegion),
            4 => (InstitutionKind.CommunityHealthService, InstitutionLevel.Community, DemoRegion),
            5 => (InstitutionKind.TownshipHealthCentre, InstitutionLevel.Tier1, DemoRegion),
            6 => (InstitutionKind.VillageClinic, InstitutionLevel.Community, DemoRegion),
            _ => (InstitutionKind.Clinic, InstitutionLevel.Tier1, DemoRegion),
        };
    }

    private static string KindLetter(InstitutionKind kind) => kind switch
    {
        InstitutionKind.Pharmacy => "P",
        InstitutionKind.Clinic or InstitutionKind.VillageClinic => "C",
        InstitutionKind.CommunityHealthService or InstitutionKind.TownshipHealthCentre => "S",
        _ => "H",
    };

    private static readonly AssistanceStatus[] AssistanceStatuses =
        [AssistanceStatus.MinimumLivingAllowance, AssistanceStatus.FiveGuaranteesDispersed, AssistanceStatus.ExtremePoverty];

    private static readonly string[] SpecialDiseases = ["diabetes", "hypertension", "malignant-tumour", "chronic-heart-failure"];
}
