namespace Medisettle.LoadTest.Targets;

/// <summary>The end-of-run audit: passed, what was checked, and every violation found.</summary>
public sealed record RunAudit
{
    public required bool Passed { get; init; }

    /// <summary>False when the target could not be audited (e.g. the gateway has no audit endpoint yet).</summary>
    public bool Available { get; init; } = true;

    public long Settlements { get; init; }

    public long Cancellations { get; init; }

    public long Postings { get; init; }

    public long PersonsChecked { get; init; }

    /// <summary>Persons whose basic fund paid this benefit year was compared with their pack's annual cap.</summary>
    public long CapsChecked { get; init; }

    public double AuditSeconds { get; init; }

    public IReadOnlyList<string> Violations { get; init; } = [];
}
