namespace Medisettle.Interfaces.Platform;

/// <summary>
/// The gateway's <c>infcode</c> values (see docs/gateway.md for the HTTP status that goes with each).
/// 1xxx: the request could not be accepted (transport, format, authentication; HTTP 4xx).
/// 2xxx and -1: the request was well formed and authenticated but refused (HTTP 200).
/// </summary>
public static class Infcodes
{
    public const int Success = 0;

    /// <summary>Generic business rejection, including a transaction that is not available yet.</summary>
    public const int BusinessRejection = -1;

    public const int MalformedJson = 1001;

    public const int WrongType = 1002;

    public const int MissingField = 1003;

    public const int UnknownField = 1004;

    public const int BodyTooLarge = 1005;

    public const int InvalidValue = 1006;

    public const int LimitExceeded = 1007;

    public const int UnknownInfno = 1008;

    public const int UnsupportedMediaType = 1009;

    public const int MissingCredentials = 1101;

    public const int UnknownInstitution = 1102;

    public const int BadSignature = 1103;

    public const int TimestampOutsideWindow = 1104;

    public const int Replay = 1105;

    public const int InstitutionMismatch = 1106;

    public const int ReplayCacheFull = 1107;

    /// <summary>Fee lines do not add up to the declared <c>medfee_sumamt</c>.</summary>
    public const int AmountMismatch = 2001;

    /// <summary>No such insured person (set by transaction handlers).</summary>
    public const int UnknownPerson = 2002;

    /// <summary>A msgid already used for a different request (set by transaction handlers).</summary>
    public const int DuplicateMsgidConflict = 2003;

    /// <summary>空刷 empty swipe: a settlement (2101/2102, 2206/2207, 2303/2304) whose medfee_sumamt is 0.00; nothing is settled.</summary>
    public const int EmptySwipe = 2004;

    /// <summary>
    /// The gateway is at its bound of transactions in flight (<c>GatewayOptions.TransactionsInFlightMax</c>): HTTP 503
    /// with Retry-After, answered at once. The request was not processed; send it again later (the same msgid is fine).
    /// </summary>
    public const int Busy = 9997;

    /// <summary>
    /// The cluster could not answer now (a silo was lost mid-call, a timeout, load shed): HTTP 503 with Retry-After. The
    /// request may or may not have been applied; retrying it with the same msgid returns the first answer.
    /// </summary>
    public const int Unavailable = 9998;

    public const int InternalError = 9999;
}
