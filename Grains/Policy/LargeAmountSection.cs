using Medisettle.Interfaces;

namespace Medisettle.Grains.Policy;

/// <summary>大额医疗: pays eligible cost beyond the basic cap at that visit's basic ratio.</summary>
public sealed record LargeAmountSection
{
    /// <summary>Only people who bought the add-on (<c>HasLargeAmountAddOn</c>).</summary>
    public bool RequiresAddOn { get; init; } = true;

    /// <summary>Informational: the annual add-on premium (yuan).</summary>
    public Money AnnualPremium { get; init; }

    /// <summary>Most 大额 pays a person in a benefit year (yuan).</summary>
    public required Money AnnualCap { get; init; }
}
