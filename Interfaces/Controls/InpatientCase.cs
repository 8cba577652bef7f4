namespace Medisettle.Interfaces.Controls;

/// <summary>
/// How an inpatient settlement counts for the hospital's 协议病种 : 包干 ratio (S4 §6): settled as an agreed disease
/// (协议病种, its diagnosis is on the pack's list) or under the ordinary flat rate (普通病种包干). Stamped by the engine
/// from the pack's <c>controls.agreedDiseaseRatio</c> rule, with that rule's parameters, and carried on the
/// institution's receivable posting, so the institution counts every case under the rule that classified it.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record InpatientCase
{
    [Id(0)] public required string PackId { get; init; }

    /// <summary>True: 协议病种 settlement; false: 普通病种包干.</summary>
    [Id(1)] public required bool AgreedDisease { get; init; }

    /// <summary>Length of the counting period in months (periods start in January: 4 → Jan–Apr, May–Aug, Sep–Dec).</summary>
    [Id(2)] public required int PeriodMonths { get; init; }

    /// <summary>Alert when agreed-disease cases exceed this many times the flat-rate cases.</summary>
    [Id(3)] public required decimal RatioMax { get; init; }

    /// <summary>No alert before the period has this many cases of both kinds together.</summary>
    [Id(4)] public required int CasesMin { get; init; }
}
