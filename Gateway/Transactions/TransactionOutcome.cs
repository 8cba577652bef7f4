using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>A typed handler's answer: <see cref="Ok"/> with the output, or <see cref="Reject(string)"/>.</summary>
public sealed record TransactionOutcome<TOutput>
    where TOutput : class
{
    private TransactionOutcome(TOutput? output, int infcode, string? errMsg, string? warnMsg)
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

    public static TransactionOutcome<TOutput> Ok(TOutput output, string? warnMsg = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new(output, Infcodes.Success, null, warnMsg);
    }

    /// <summary>A business rejection (infcode -1).</summary>
    public static TransactionOutcome<TOutput> Reject(string errMsg) => Reject(Infcodes.BusinessRejection, errMsg);

    public static TransactionOutcome<TOutput> Reject(int infcode, string errMsg)
    {
        if (infcode == Infcodes.Success)
        {
            throw new ArgumentOutOfRangeException(nameof(infcode), infcode, "A rejection needs a non-zero infcode.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(errMsg);
        return new(null, infcode, errMsg, null);
    }
}
