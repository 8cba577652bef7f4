namespace Medisettle.LoadTest.Acknowledgements;

/// <summary>What <c>verify</c> found: every acknowledged settlement checked against the running service.</summary>
public sealed record VerificationReport
{
    /// <summary>Problems listed one by one at most (the counts cover all of them).</summary>
    public const int ProblemsListedMax = 20;

    /// <summary>Well-formed lines checked.</summary>
    public required long Checked { get; init; }

    /// <summary>The msgid settled exactly once, with the acknowledged setl_id.</summary>
    public required long Ok { get; init; }

    /// <summary>No settlement of the person carries the msgid.</summary>
    public required long Missing { get; init; }

    /// <summary>The msgid settled with another setl_id, or more than once.</summary>
    public required long Mismatched { get; init; }

    /// <summary>Complete lines that are not four tab-separated fields.</summary>
    public required long Malformed { get; init; }

    public required bool IncompleteLastLine { get; init; }

    /// <summary>The first <see cref="ProblemsListedMax"/> problems, one line each.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public bool Passed => Missing == 0 && Mismatched == 0 && Malformed == 0 && Ok == Checked;

    public string Summary() => FormattableString.Invariant(
        $"checked {Checked}, ok {Ok}, missing {Missing}, mismatched {Mismatched}, malformed {Malformed}{(IncompleteLastLine ? " (incomplete last line ignored)" : "")}");
}
