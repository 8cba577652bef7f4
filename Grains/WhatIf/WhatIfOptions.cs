namespace Medisettle.Grains.WhatIf;

/// <summary>The period to re-run and the bounds of the report.</summary>
public sealed record WhatIfOptions
{
    /// <summary>Most persons listed in <see cref="WhatIfResult.LargestChanges"/>.</summary>
    public const int TopChangesLimit = 1_000;

    /// <summary>First settlement date of the period (inclusive).</summary>
    public required DateOnly From { get; init; }

    /// <summary>Last settlement date of the period (inclusive).</summary>
    public required DateOnly To { get; init; }

    /// <summary>Persons with the largest change of fund payments listed in the report (default 20, at most <see cref="TopChangesLimit"/>).</summary>
    public int TopChanges { get; init; } = 20;

    /// <summary>Consistency-check mismatches and candidate rejections kept as samples (the rest are only counted).</summary>
    public int SamplesMax { get; init; } = 20;

    /// <summary>Checks the options; the message names the option and the value.</summary>
    public void Validate()
    {
        if (To < From)
        {
            throw new ArgumentException($"--to {To:yyyy-MM-dd} is before --from {From:yyyy-MM-dd}.");
        }

        if (TopChanges is < 0 or > TopChangesLimit)
        {
            throw new ArgumentException($"--top {TopChanges} is outside 0..{TopChangesLimit}.");
        }

        if (SamplesMax < 0)
        {
            throw new ArgumentException($"samples {SamplesMax} is negative.");
        }
    }
}
