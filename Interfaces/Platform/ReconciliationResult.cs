namespace Medisettle.Interfaces.Platform;

/// <summary>3201/3202 stmtinfo: 对账结果 (stmt_rslt "0" = agrees, "1" = disagrees).</summary>
public sealed record ReconciliationResult
{
    public string? SetlOptins { get; init; }

    public required string StmtRslt { get; init; }

    public required string StmtRsltDscr { get; init; }
}
