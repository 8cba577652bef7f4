namespace Medisettle.Gateway.Transactions;

/// <summary>
/// What a repeat of a transaction's request (the same msgid, body and signature, e.g. a replay) could change. It
/// decides whether the gateway waits for the request's signature to be written before answering
/// (<c>IReplayGuard.ConfirmAsync</c>): it must when a repeat could still change something, so the replay window
/// refuses the repeat even after the window's grain has left memory.
/// </summary>
public enum RepeatEffect
{
    /// <summary>Not declared: the signature is written before every answer.</summary>
    Unknown,

    /// <summary>The transaction changes nothing (a query or a pre-settlement): neither can a repeat.</summary>
    None,

    /// <summary>
    /// A success commits under the request's msgid, and a repeat of the msgid is answered from that commit without
    /// changing anything; a refusal commits nothing, and a repeat of it could succeed once something else changed.
    /// </summary>
    AnsweredFromMessageId,
}
