namespace Medisettle.LoadTest.Replay;

/// <summary>What <c>replay</c> found: the recording re-run under the packs in force and, with a candidate, under it too.</summary>
public sealed record ReplayReport
{
    /// <summary>Mismatches listed one by one at most (the counts cover all of them).</summary>
    public const int SamplesMax = 20;

    public required string RequestsFile { get; init; }

    public required ReplayPopulation Population { get; init; }

    /// <summary>Under the packs in force; its answers are compared with the recorded ones.</summary>
    public required ReplayRunSummary Before { get; init; }

    /// <summary>Under the candidate pack (<c>--pack</c>), or null; its answers are compared with the recorded ones too.</summary>
    public ReplayRunSummary? After { get; init; }

    /// <summary>After − before per fund (yuan), or null without a candidate.</summary>
    public SortedDictionary<string, decimal>? FundsDeltaYuan { get; init; }
}
