using System.Text.RegularExpressions;
using Medisettle.Gateway.Diagnostics;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Pipeline;

/// <summary>Checks on the envelope itself: who sends it, and its infno, msgid and inf_time formats.</summary>
internal static partial class EnvelopeRules
{
    public const int MsgidLengthMax = 30;

    public static GatewayFailure? Check(PlatformRequest envelope, string institution)
    {
        if (!string.Equals(envelope.FixmedinsCode, institution, StringComparison.Ordinal))
        {
            return new GatewayFailure(Infcodes.InstitutionMismatch,
                $"fixmedins_code {ClientText.Echo(envelope.FixmedinsCode)} is not the authenticated institution {institution}; an institution may act only as itself");
        }

        if (!Infno().IsMatch(envelope.Infno))
        {
            return new GatewayFailure(Infcodes.InvalidValue, "field 'infno' must be four digits");
        }

        if (!Msgid().IsMatch(envelope.Msgid))
        {
            return new GatewayFailure(Infcodes.InvalidValue, $"field 'msgid' must be 1 to {MsgidLengthMax} letters or digits");
        }

        if (!WireTime.TryParseDateTime(envelope.InfTime, out _))
        {
            return new GatewayFailure(Infcodes.InvalidValue, $"field 'inf_time' must be a time formatted {WireTime.DateTimeFormat}");
        }

        return null;
    }

    [GeneratedRegex(@"^[0-9]{4}\z")]
    private static partial Regex Infno();

    [GeneratedRegex(@"^[A-Za-z0-9]{1,30}\z")]
    private static partial Regex Msgid();
}
