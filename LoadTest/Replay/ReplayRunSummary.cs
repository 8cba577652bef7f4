namespace Medisettle.LoadTest.Replay;

/// <summary>One replay of a recording on a scratch host: what was answered and paid.</summary>
public sealed record ReplayRunSummary
{
    /// <summary>The pack id replaced by the candidate, or null for the packs in force.</summary>
    public string? CandidatePackId { get; init; }

    public required long Requests { get; init; }

    /// <summary>Answers per infno, then per infcode (<c>"2207" → {"0": 12, "-1": 1}</c>).</summary>
    public required SortedDictionary<string, SortedDictionary<string, long>> InfcodesByInfno { get; init; }

    /// <summary>Answers per infcode over all requests.</summary>
    public required SortedDictionary<string, long> Infcodes { get; init; }

    /// <summary>
    /// Paid per fund (the settlement answer's fields: <c>hifp_pay</c>, <c>hifmi_pay</c>, …, in yuan), summed over the
    /// settlements answered 0 (2102, 2207, 2304) less the cancels (2103, 2208, 2305; answered negative), each msgid once.
    /// </summary>
    public required SortedDictionary<string, decimal> FundsPaidYuan { get; init; }

    /// <summary>The first and last business date the settlement clock showed.</summary>
    public required DateOnly FirstDate { get; init; }

    public required DateOnly LastDate { get; init; }

    /// <summary>Requests whose inf_time was earlier than an earlier line's: sent with the clock held at the later time.</summary>
    public required long ClockHeld { get; init; }

    /// <summary>Requests with a recorded answer, compared with the replayed one.</summary>
    public required long AnswersCompared { get; init; }

    /// <summary>Recorded answers that differ from the replayed one.</summary>
    public required long Mismatches { get; init; }

    /// <summary>The first <see cref="ReplayReport.SamplesMax"/> mismatches: line, msgid, infno and the first difference.</summary>
    public required IReadOnlyList<string> MismatchSamples { get; init; }
}
