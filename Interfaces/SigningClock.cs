namespace Medisettle.Interfaces;

/// <summary>
/// The clock the gateway checks request signatures against (the ±300 s timestamp window and the replay window): a
/// <see cref="TimeProvider"/> registered under <see cref="ServiceKey"/>. Always real time in a running silo, also when
/// the settlement clock was started at another instant for a test or training environment, because clients sign
/// with their own (real) clocks.
/// </summary>
public static class SigningClock
{
    public const string ServiceKey = "medisettle-signing-clock";
}
