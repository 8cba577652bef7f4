using System.Security.Cryptography;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Platform;

namespace Medisettle.Gateway.Transactions;

/// <summary>9001 签到: opens a session for the institution and answers its sign_no (32 random hex characters).</summary>
public sealed class SignInHandler(SignInRegistry sessions) : TransactionHandler<SignInInput, SignInOutput>(TransactionContracts.SignIn)
{
    public const int SignNoLength = 32;

    protected override ValueTask<HandlerOutcome<SignInOutput>> ExecuteAsync(TransactionRequest<SignInInput> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signNo = RandomNumberGenerator.GetHexString(SignNoLength, lowercase: true);
        var signedInAt = request.Context.ReceivedAt;
        sessions.Record(request.Context.Institution, new SignInSession(signNo, request.Input.SignIn.OpterNo, signedInAt));
        var output = new SignInOutput { Signinoutb = new SignInResult { SignNo = signNo, SignTime = WireTime.Format(signedInAt) } };
        return ValueTask.FromResult(HandlerOutcome<SignInOutput>.Ok(output));
    }
}
