namespace Medisettle.Interfaces;

/// <summary>
/// The clock of settlement business time (settlement dates, the signature window, answers' timestamps): a
/// <see cref="TimeProvider"/> registered under <see cref="ServiceKey"/>, apart from the unkeyed one Orleans runs on,
/// so tests can set business time (FakeTimeProvider) without stopping Orleans' own timers.
/// </summary>
public static class SettlementClock
{
    public const string ServiceKey = "medisettle-settlement-clock";
}
