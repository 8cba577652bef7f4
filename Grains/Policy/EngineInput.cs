using Medisettle.Interfaces;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>Everything the engine needs for one settlement; the engine reads nothing else.</summary>
public sealed record EngineInput
{
    public required PersonProfile Person { get; init; }

    public required InstitutionProfile Institution { get; init; }

    public required Visit Visit { get; init; }

    /// <summary>
    /// The person's accumulators for the visit's benefit year, or for an earlier year (then the
    /// engine starts the new year from zero). A later year is a caller error.
    /// </summary>
    public required YearToDate YearToDate { get; init; }

    /// <summary>个人账户 balance before this settlement (carries over years; zero for residents).</summary>
    public Money PersonalAccountBalance { get; init; }

    /// <summary>The person's recent swipes and running supplies, for the velocity and duplicate-purchase rules.</summary>
    public ControlHistory History { get; init; } = ControlHistory.Empty;

    /// <summary>When the swipe is settled (the settlement clock): the velocity window ends here.</summary>
    public DateTimeOffset SwipedAt { get; init; }

    /// <summary>The settlement id this swipe will commit under (recorded in the history after it); null for a pre-settlement.</summary>
    public string? SettlementId { get; init; }
}
