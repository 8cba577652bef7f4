namespace Medisettle.Grains.Institutions;

/// <summary>
/// The journal sequences of the first and the last receivable posting (a settlement or its reversal) applied with
/// settlement date <see cref="Date"/>. A cancel days later moves <see cref="LastSequence"/> on.
/// </summary>
public sealed record ReceivableDay(DateOnly Date, long FirstSequence, long LastSequence);
