using Medisettle.Interfaces.Controls;
using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>
/// 重复购药: a line buying a catalogue code that an earlier settled purchase (any institution, a listed visit type)
/// still covers — bought on day D with S supply days covers D … D + S − 1 — is a hit.
/// </summary>
public sealed record DuplicatePurchaseRule
{
    /// <summary>Visit types whose purchases count and are checked (e.g. <c>Pharmacy</c>).</summary>
    public required IReadOnlyList<VisitType> VisitTypes { get; init; }

    public required ControlAction Action { get; init; }
}
