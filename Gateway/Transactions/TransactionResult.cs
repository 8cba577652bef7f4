using System.Text.Json;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>A handler's answer: success with an output, or an <c>infcode</c> and <c>err_msg</c>.</summary>
public sealed record TransactionResult
{
    private TransactionResult(int infcode, string? errMsg, string? warnMsg, JsonElement? output)
    {
        Infcode = infcode;
        ErrMsg = errMsg;
        WarnMsg = warnMsg;
        Output = output;
    }

    public int Infcode { get; }

    public string? ErrMsg { get; }

    public string? WarnMsg { get; }

    public JsonElement? Output { get; }

    public static TransactionResult Success(JsonElement output, string? warnMsg = null) => new(Infcodes.Success, null, warnMsg, output);

    public static TransactionResult Failure(int infcode, string errMsg)
    {
        if (infcode == Infcodes.Success)
        {
            throw new ArgumentOutOfRangeException(nameof(infcode), infcode, "A failure needs a non-zero infcode.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(errMsg);
        return new(infcode, errMsg, null, null);
    }
}
