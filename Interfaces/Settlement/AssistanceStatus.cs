namespace Medisettle.Interfaces.Settlement;

/// <summary>救助对象身份 assistance status overlay on a person (several may apply).</summary>
[GenerateSerializer]
public enum AssistanceStatus
{
    /// <summary>低保 minimum living allowance.</summary>
    MinimumLivingAllowance,

    /// <summary>五保 (分散供养) five guarantees, dispersed support.</summary>
    FiveGuaranteesDispersed,

    /// <summary>五保 (集中供养) five guarantees, centralised support.</summary>
    FiveGuaranteesCentralised,

    /// <summary>特困 extreme poverty.</summary>
    ExtremePoverty,

    /// <summary>重度残疾 certified severe disability.</summary>
    SevereDisability,

    /// <summary>低收入 aged 60 or over.</summary>
    LowIncomeElderly,

    /// <summary>困难精神病人 poor psychiatric patient (磐安 outpatient drug rule).</summary>
    PoorPsychiatricPatient,
}
