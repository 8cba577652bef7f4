namespace Medisettle.Interfaces.Grains;

/// <summary>
/// The response timeout of grain methods whose work grows with the ledger (audits, catching up the postings, listings
/// read from the journal): <c>[ResponseTimeout(LongCall.Timeout)]</c>. Every other call keeps the short timeout a
/// stand-alone gateway uses to fail over quickly when a silo is lost mid-call.
/// </summary>
public static class LongCall
{
    public const string Timeout = "00:02:00";
}
