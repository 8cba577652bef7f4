namespace Medisettle.Gateway.Security;

internal enum ReplayCheck
{
    Recorded,
    Replay,
    Full,
}
