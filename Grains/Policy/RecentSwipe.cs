using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.Policy;

/// <summary>A settled swipe the velocity rule counts: when, where, which settlement.</summary>
public sealed record RecentSwipe(string SettlementId, string InstitutionCode, VisitType VisitType, DateTimeOffset SettledAt);
