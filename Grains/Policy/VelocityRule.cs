using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>
/// Person velocity. Counting this swipe, the person's settled swipes of the listed visit types within the last
/// <see cref="WindowMinutes"/> and the distinct institutions among them: more than <see cref="SwipesMax"/> swipes at
/// more than <see cref="InstitutionsMax"/> institutions is flagged; more than <see cref="RefuseSwipesMax"/> swipes at
/// more than <see cref="InstitutionsMax"/> institutions is refused (and flagged).
/// </summary>
public sealed record VelocityRule
{
    public required IReadOnlyList<VisitType> VisitTypes { get; init; }

    public required int WindowMinutes { get; init; }

    public required int SwipesMax { get; init; }

    public required int InstitutionsMax { get; init; }

    /// <summary>The hard limit; null: never refused, only flagged.</summary>
    public int? RefuseSwipesMax { get; init; }
}
