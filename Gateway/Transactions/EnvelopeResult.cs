using System.Text.Json;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>
/// What goes into the response envelope: success with the output already serialized to JSON, or an
/// <c>infcode</c> and <c>err_msg</c>. Returned by <see cref="ITransactionHandler.HandleAsync"/>.
/// </summary>
public sealed record EnvelopeResult
{
    private EnvelopeResult(int infcode, string? errMsg, string? warnMsg, JsonElement? output)
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

    public static EnvelopeResult Success(JsonElement output, string? warnMsg = null) => new(Infcodes.Success, null, warnMsg, output);

    public static EnvelopeResult Failure(int infcode, string errMsg)
    {
        if (infcode == Infcodes.Success)
        {
            throw new ArgumentOutOfRangeException(nameof(infcode), infcode, "A failure needs a non-zero infcode.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(errMsg);
        return new(infcode, errMsg, null, null);
    }
}
