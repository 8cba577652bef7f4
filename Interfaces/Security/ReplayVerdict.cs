namespace Medisettle.Interfaces.Security;

/// <summary>What the replay window says about a verified request signature.</summary>
[GenerateSerializer]
public enum ReplayVerdict
{
    /// <summary>Not seen before; now recorded (durably), so any later copy is refused.</summary>
    Recorded,

    /// <summary>Seen before within the window: a replay.</summary>
    Replay,

    /// <summary>The window already holds its most signatures for this institution and time bucket; retry later.</summary>
    Full,

    /// <summary>The signature's time bucket has passed out of the window (its slot holds a newer bucket).</summary>
    Expired,
}
