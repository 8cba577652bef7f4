namespace Medisettle.Gateway.Diagnostics;

/// <summary>Requests refused with one infcode.</summary>
public sealed record RefusalCount(int Infcode, long Count);
