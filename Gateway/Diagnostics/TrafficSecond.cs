namespace Medisettle.Gateway.Diagnostics;

/// <summary>One second of <see cref="RecentTraffic"/>: settlements answered and busy refusals.</summary>
public sealed record TrafficSecond(long At, long Settlements, long BusyRefusals);
