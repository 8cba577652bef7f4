using Microsoft.Extensions.Logging;

namespace Medisettle.Gateway.Diagnostics;

/// <summary>The gateway's log messages. Ids and codes only; never a name or a full ID number.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug,
        Message = "Transaction {Infno} msgid {Msgid} from {Institution} answered infcode {Infcode}")]
    public static partial void TransactionAnswered(ILogger logger, string infno, string msgid, string institution, int infcode);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Request {InfRefmsgid} refused with infcode {Infcode} (HTTP {HttpStatus}): {Reason}")]
    public static partial void RequestRefused(ILogger logger, string infRefmsgid, int infcode, int httpStatus, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Request {InfRefmsgid} failed authentication with infcode {Infcode}: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, string infRefmsgid, int infcode, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error,
        Message = "Transaction {Infno} request {InfRefmsgid} failed unexpectedly")]
    public static partial void TransactionFailed(ILogger logger, Exception exception, string infno, string infRefmsgid);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
        Message = "Request {InfRefmsgid} not answered now ({Failure}); the client was told to retry with the same msgid")]
    public static partial void TransactionUnavailable(ILogger logger, string failure, string infRefmsgid);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning,
        Message = "Request {InfRefmsgid} failed, and its signature could not be written to the replay window ({Failure}); a replay of it within the window may be processed as a retry")]
    public static partial void SignatureNotConfirmed(ILogger logger, string failure, string infRefmsgid);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Admin request to {Path} refused: {Reason}")]
    public static partial void AdminRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning,
        Message = "Admin request to {Path} answered 503 (retry): {Failure}")]
    public static partial void AdminUnavailable(ILogger logger, string path, string failure);
}
