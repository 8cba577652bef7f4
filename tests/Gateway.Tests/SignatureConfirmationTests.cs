using Medisettle.Gateway.Security;
using Medisettle.Gateway.Transactions;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Medisettle.Gateway.Tests;

/// <summary>
/// The gateway waits for the request's signature to be written (<see cref="IReplayGuard.ConfirmAsync"/>) before it
/// answers exactly when a repeat of the request could still change something: by what the transaction declares
/// (<see cref="RepeatEffect"/>) and how it was answered; and always when the request failed.
/// </summary>
public sealed class SignatureConfirmationTests
{
    [Theory]
    [InlineData(RepeatEffect.None, "ok", Infcodes.Success, 0)]
    [InlineData(RepeatEffect.None, "refuse", Infcodes.BusinessRejection, 0)]
    [InlineData(RepeatEffect.AnsweredFromMessageId, "ok", Infcodes.Success, 0)]
    [InlineData(RepeatEffect.AnsweredFromMessageId, "refuse", Infcodes.BusinessRejection, 1)]
    [InlineData(RepeatEffect.Unknown, "ok", Infcodes.Success, 1)]
    [InlineData(RepeatEffect.Unknown, "refuse", Infcodes.BusinessRejection, 1)]
    [InlineData(RepeatEffect.None, "fail", Infcodes.InternalError, 1)]
    [InlineData(RepeatEffect.AnsweredFromMessageId, "fail", Infcodes.InternalError, 1)]
    public async Task The_signature_is_written_before_the_answer_only_when_a_repeat_could_change_something(
        RepeatEffect effect, string outcome, int infcode, int confirmations)
    {
        var guard = new CountingReplayGuard();
        await using var gateway = await TestGateway.StartAsync(services: s =>
        {
            s.RemoveAll<IReplayGuard>();
            s.AddSingleton<IReplayGuard>(guard);
            s.RemoveAll<ITransactionHandler>();
            s.AddSingleton<ITransactionHandler>(new ScriptedSignInHandler(effect, outcome));
        });

        var (_, response) = await gateway.PostSignedAsync(TestGateway.Envelope("9001", TestGateway.SignInInput()));

        Assert.Equal(infcode, response.Infcode);
        Assert.Equal((1, confirmations), (guard.Checks, guard.Confirmations));
    }

    [Fact]
    public async Task A_request_refused_before_its_handler_is_not_written_the_same_body_being_refused_the_same_way()
    {
        var guard = new CountingReplayGuard();
        await using var gateway = await TestGateway.StartAsync(services: s =>
        {
            s.RemoveAll<IReplayGuard>();
            s.AddSingleton<IReplayGuard>(guard);
        });

        var (_, response) = await gateway.PostSignedAsync(TestGateway.Envelope("9999", TestGateway.SignInInput()));

        Assert.Equal(Infcodes.UnknownInfno, response.Infcode);
        Assert.Equal((1, 0), (guard.Checks, guard.Confirmations));
    }

    private sealed class CountingReplayGuard : IReplayGuard
    {
        private int _checks;
        private int _confirmations;

        public int Checks => Volatile.Read(ref _checks);

        public int Confirmations => Volatile.Read(ref _confirmations);

        public ValueTask<ReplayVerdict> CheckAndRecordAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _checks);
            return ValueTask.FromResult(ReplayVerdict.Recorded);
        }

        public ValueTask ConfirmAsync(string institution, long timestampMilliseconds, string signature, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _confirmations);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>9001 answered as the test says: a sign-in, a refusal, or an exception.</summary>
    private sealed class ScriptedSignInHandler(RepeatEffect effect, string outcome) : TransactionHandler<SignInInput, SignInOutput>(TransactionContracts.SignIn)
    {
        public override RepeatEffect RepeatEffect => effect;

        protected override ValueTask<HandlerOutcome<SignInOutput>> ExecuteAsync(TransactionRequest<SignInInput> request, CancellationToken cancellationToken) => outcome switch
        {
            "ok" => ValueTask.FromResult(HandlerOutcome<SignInOutput>.Ok(new SignInOutput { Signinoutb = new SignInResult { SignNo = "1", SignTime = "2025-03-01 10:00:00" } })),
            "refuse" => ValueTask.FromResult(HandlerOutcome<SignInOutput>.Reject("refused by the test")),
            _ => throw new InvalidOperationException("failed by the test"),
        };
    }
}
