using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>
/// 9001 签到: opens a session for the institution and answers its sign_no (32 random hex characters). Idempotent by
/// msgid: a retry answers the first sign_no and sign_time (see <see cref="ISignInStore"/>).
/// </summary>
public sealed class SignInHandler(ISignInStore sessions) : TransactionHandler<SignInInput, SignInOutput>(TransactionContracts.SignIn)
{
    public const int SignNoLength = 32;

    protected override async ValueTask<HandlerOutcome<SignInOutput>> ExecuteAsync(TransactionRequest<SignInInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.Context;
        var session = await sessions.SignInAsync(context.Institution, context.Envelope.Msgid, request.Input.SignIn.OpterNo, context.ReceivedAt, cancellationToken);
        var output = new SignInOutput { Signinoutb = new SignInResult { SignNo = session.SignNo, SignTime = WireTime.Format(session.SignedInAt) } };
        return HandlerOutcome<SignInOutput>.Ok(output);
    }
}
