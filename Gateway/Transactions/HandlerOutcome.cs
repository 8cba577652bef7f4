using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>
/// What a typed handler's <c>ExecuteAsync</c> returns: <see cref="Ok"/> with the typed output, or
/// <see cref="Reject(string)"/>. The handler base turns it into an <see cref="EnvelopeResult"/>.
/// </summary>
public sealed record HandlerOutcome<TOutput>
    where TOutput : class
{
    private HandlerOutcome(TOutput? output, int infcode, string? errMsg, string? warnMsg)
    {
        Output = output;
        Infcode = infcode;
        ErrMsg = errMsg;
        WarnMsg = warnMsg;
    }

    public TOutput? Output { get; }

    public int Infcode { get; }

    public string? ErrMsg { get; }

    public string? WarnMsg { get; }

    public static HandlerOutcome<TOutput> Ok(TOutput output, string? warnMsg = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new(output, Infcodes.Success, null, warnMsg);
    }

    /// <summary>A business rejection (infcode -1).</summary>
    public static HandlerOutcome<TOutput> Reject(string errMsg) => Reject(Infcodes.BusinessRejection, errMsg);

    public static HandlerOutcome<TOutput> Reject(int infcode, string errMsg)
    {
        if (infcode == Infcodes.Success)
        {
            throw new ArgumentOutOfRangeException(nameof(infcode), infcode, "A rejection needs a non-zero infcode.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(errMsg);
        return new(null, infcode, errMsg, null);
    }
}
