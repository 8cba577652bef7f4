namespace Medisettle.Interfaces.Platform;

/// <summary>Output of transactions that answer nothing but success (2202, 2203, 2205, 2302, 2402).</summary>
public sealed record EmptyOutput;
