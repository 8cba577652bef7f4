using System.Globalization;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>
/// All loaded packs and the off-site pair table; selects the packs for region × scheme × date.
/// Immutable after construction, so one instance is shared by every grain in a silo.
/// Construction rejects duplicate ids and two packs giving the same section for one region and
/// scheme on overlapping dates.
/// </summary>
public sealed class PolicyPackCatalog
{
    private readonly Dictionary<string, List<PolicyPack>> _byRegion = new(StringComparer.Ordinal);

    public PolicyPackCatalog(IEnumerable<PolicyPack> packs, IEnumerable<OffsitePair> offsitePairs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(offsitePairs);
        Packs = [.. packs];
        OffsitePairs = [.. offsitePairs];
        var ids = new Dictionary<string, PolicyPack>(StringComparer.Ordinal);
        foreach (var pack in Packs)
        {
            if (!ids.TryAdd(pack.Id, pack))
            {
                throw new PolicyPackException(pack.SourceFile, "$.id", pack.Id, $"id already used by {ids[pack.Id].SourceFile}");
            }

            if (!_byRegion.TryGetValue(pack.Region, out var list))
            {
                list = [];
                _byRegion.Add(pack.Region, list);
            }

            foreach (var other in list)
            {
                CheckNoOverlap(other, pack);
            }

            list.Add(pack);
        }
    }

    public IReadOnlyList<PolicyPack> Packs { get; }

    public IReadOnlyList<OffsitePair> OffsitePairs { get; }

    public PolicyPack? FindById(string id) => Packs.FirstOrDefault(p => p.Id == id);

    /// <summary>The packs giving each section for this insured region, scheme and decision date.</summary>
    public PolicySet Resolve(string region, Scheme scheme, DateOnly date)
    {
        if (!_byRegion.TryGetValue(region, out var list))
        {
            return new PolicySet();
        }

        var set = new PolicySet();
        foreach (var pack in list)
        {
            if (!pack.Covers(date) || !pack.Schemes.Contains(scheme))
            {
                continue;
            }

            set = set with
            {
                Basic = pack.Basic is null ? set.Basic : pack,
                LargeAmount = pack.LargeAmount is null ? set.LargeAmount : pack,
                CriticalIllness = pack.CriticalIllness is null ? set.CriticalIllness : pack,
                SpecialDiseases = pack.SpecialDiseases is null ? set.SpecialDiseases : pack,
                Assistance = pack.Assistance is null ? set.Assistance : pack,
                PersonalAccount = pack.PersonalAccount is null ? set.PersonalAccount : pack,
                Controls = pack.Controls is null ? set.Controls : pack,
                FundJobs = pack.FundJobs is null ? set.FundJobs : pack,
            };
        }

        return set;
    }

    /// <summary>异地: whether cards of <paramref name="insuredRegion"/> may settle in <paramref name="treatmentRegion"/> on the date.</summary>
    public bool IsOffsiteEnabled(string insuredRegion, string treatmentRegion, DateOnly date)
    {
        if (insuredRegion == treatmentRegion)
        {
            return true;
        }

        foreach (var pair in OffsitePairs)
        {
            if (pair.InsuredRegion == insuredRegion && pair.TreatmentRegion == treatmentRegion && date >= pair.EnabledFrom)
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckNoOverlap(PolicyPack a, PolicyPack b)
    {
        var overlapFrom = a.EffectiveFrom > b.EffectiveFrom ? a.EffectiveFrom : b.EffectiveFrom;
        var overlapTo = Earliest(a.EffectiveTo, b.EffectiveTo);
        if (overlapTo is { } to && to < overlapFrom)
        {
            return;
        }

        var scheme = a.Schemes.FirstOrDefault(s => b.Schemes.Contains(s), (Scheme)(-1));
        if (scheme == (Scheme)(-1))
        {
            return;
        }

        var section = SharedSection(a, b);
        if (section is not null)
        {
            var from = overlapFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            throw new PolicyPackException(
                b.SourceFile,
                "$.effectiveFrom",
                b.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"pack {b.Id} and pack {a.Id} ({a.SourceFile}) both give section '{section}' for region {b.Region}, scheme {scheme}, from {from}: effective dates overlap");
        }
    }

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) =>
        a is null ? b : b is null ? a : (a.Value < b.Value ? a : b);

    private static string? SharedSection(PolicyPack a, PolicyPack b) =>
        a.Basic is not null && b.Basic is not null ? "basic"
        : a.LargeAmount is not null && b.LargeAmount is not null ? "largeAmount"
        : a.CriticalIllness is not null && b.CriticalIllness is not null ? "criticalIllness"
        : a.SpecialDiseases is not null && b.SpecialDiseases is not null ? "specialDiseases"
        : a.Assistance is not null && b.Assistance is not null ? "assistance"
        : a.PersonalAccount is not null && b.PersonalAccount is not null ? "personalAccount"
        : a.Controls is not null && b.Controls is not null ? "controls"
        : a.FundJobs is not null && b.FundJobs is not null ? "fundJobs"
        : null;
}
