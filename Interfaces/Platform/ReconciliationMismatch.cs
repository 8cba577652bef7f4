namespace Medisettle.Interfaces.Platform;

/// <summary>3202 mismatch: a settlement the two sides disagree on.</summary>
public sealed record ReconciliationMismatch
{
    public required string SetlId { get; init; }

    public required string StmtRslt { get; init; }

    public required string StmtRsltDscr { get; init; }
}
