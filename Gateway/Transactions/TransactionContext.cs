using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>An authenticated request on its way to its handler.</summary>
public sealed class TransactionContext
{
    /// <summary>The institution whose signature was verified; equals <c>Envelope.FixmedinsCode</c>.</summary>
    public required string Institution { get; init; }

    /// <summary>The envelope (msgid, opter, inf_time, regions, sign_no, raw input).</summary>
    public required PlatformRequest Envelope { get; init; }

    /// <summary>When the gateway received the request, at the wire UTC offset (+08:00 by default).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The id the gateway gave this exchange (inf_refmsgid).</summary>
    public required string InfRefmsgid { get; init; }

    public required InputLimits Limits { get; init; }
}
