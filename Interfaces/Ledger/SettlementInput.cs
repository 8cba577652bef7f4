using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Ledger;

/// <summary>
/// What the engine was given for a committed settlement, beyond what its <see cref="SettlementRecord"/> already holds
/// (the settlement id, the settlement-clock time, the account balance after it): the person's and the institution's
/// profiles as they were, the visit with its fee lines, and the account-use flag. With it a settlement can be re-run
/// through the engine (what-if replay, 基金测算); accumulators and control history are rebuilt from the earlier records.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record SettlementInput
{
    [Id(0)] public required PersonProfile Person { get; init; }

    [Id(1)] public required InstitutionProfile Institution { get; init; }

    [Id(2)] public required Visit Visit { get; init; }

    /// <summary>个人账户使用标志 (wire <c>acct_used_flag</c>).</summary>
    [Id(3)] public required bool UseAccount { get; init; }
}
