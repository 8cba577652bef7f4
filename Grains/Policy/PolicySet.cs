namespace Medisettle.Grains.Policy;

/// <summary>
/// The packs that apply to one settlement (region × scheme × decision date), one per section.
/// Each property is the pack providing that section, or null when no matching pack has it.
/// </summary>
public sealed record PolicySet
{
    public PolicyPack? Basic { get; init; }

    public PolicyPack? LargeAmount { get; init; }

    public PolicyPack? CriticalIllness { get; init; }

    public PolicyPack? SpecialDiseases { get; init; }

    public PolicyPack? Assistance { get; init; }

    public PolicyPack? PersonalAccount { get; init; }

    public PolicyPack? Controls { get; init; }

    public PolicyPack? FundJobs { get; init; }
}
