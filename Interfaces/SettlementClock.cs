namespace Medisettle.Interfaces;

/// <summary>
/// The clock of settlement business time (settlement dates, benefit years, answers' timestamps): a
/// <see cref="TimeProvider"/> registered under <see cref="ServiceKey"/>, apart from the unkeyed one Orleans runs on,
/// so tests can set business time (FakeTimeProvider) without stopping Orleans' own timers, and a test or training
/// silo can start it at another instant (<c>--clock-start</c>). Signatures are checked against <see cref="SigningClock"/>.
/// </summary>
public static class SettlementClock
{
    public const string ServiceKey = "medisettle-settlement-clock";
}
