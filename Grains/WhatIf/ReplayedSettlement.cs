using Medisettle.Interfaces.Settlement;

namespace Medisettle.Grains.WhatIf;

/// <summary>What a replay keeps of a settlement until the end, for a later cancel: the recorded split and the candidate's.</summary>
internal sealed record ReplayedSettlement(
    SettlementBreakdown Recorded, SettlementBreakdown? After, bool InPeriod, bool Replayable, string Group);
