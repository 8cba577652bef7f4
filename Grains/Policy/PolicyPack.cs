using System.Text.Json.Serialization;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>
/// 政策包 a versioned policy document for a region × schemes × effective date range. A pack
/// holds optional sections (basic, 大额, 大病, special diseases, assistance, personal account,
/// control rules); for one settlement the catalog combines the sections of every pack
/// matching the region, scheme and date, at most one pack per section. See docs/policy-packs.md.
/// </summary>
public sealed record PolicyPack
{
    public required string Id { get; init; }

    /// <summary>参保地 region code (admdvs), six digits.</summary>
    public required string Region { get; init; }

    public required IReadOnlyList<Scheme> Schemes { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>Last effective day (inclusive); null = open-ended.</summary>
    public DateOnly? EffectiveTo { get; init; }

    /// <summary>First month of the benefit year (1 = calendar year).</summary>
    public int BenefitYearStartMonth { get; init; } = 1;

    /// <summary>Seed document and section the numbers come from.</summary>
    public required string Source { get; init; }

    public IReadOnlyList<string> Assumptions { get; init; } = [];

    public BasicSection? Basic { get; init; }

    public LargeAmountSection? LargeAmount { get; init; }

    public CriticalIllnessSection? CriticalIllness { get; init; }

    public SpecialDiseaseSection? SpecialDiseases { get; init; }

    public AssistanceSection? Assistance { get; init; }

    public PersonalAccountSection? PersonalAccount { get; init; }

    /// <summary>监管规则 control rules (DOMAIN.md §6): long prescriptions, non-insured goods, 串换, duplicates, velocity, 协议病种.</summary>
    public ControlSection? Controls { get; init; }

    /// <summary>Rules of the fund jobs (DOMAIN.md §7): the year-end risk reserve.</summary>
    public FundJobsSection? FundJobs { get; init; }

    /// <summary>File the pack was loaded from (for messages); not part of the JSON.</summary>
    [JsonIgnore]
    public string SourceFile { get; init; } = "";

    public bool Covers(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is not { } to || date <= to);
}
