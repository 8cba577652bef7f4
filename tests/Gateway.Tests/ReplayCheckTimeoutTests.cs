using System.Diagnostics;
using System.Reflection;
using Medisettle.Gateway.Security;
using Medisettle.Interfaces.Grains;
using Medisettle.Interfaces.Security;
using Microsoft.Extensions.Options;

namespace Medisettle.Gateway.Tests;

/// <summary>
/// The replay window is a grain call, for every request (the gateway keeps no copy). When that grain's silo is frozen and not yet voted dead the call would wait for
/// the vote; the gateway gives up after <see cref="GatewayOptions.ReplayCheckTimeout"/> with a
/// <see cref="TimeoutException"/>, which the transaction endpoint answers 503/9998 ("retry", see UnavailableTests).
/// </summary>
public sealed class ReplayCheckTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan TimerGranularity = TimeSpan.FromMilliseconds(16);

    [Theory]
    [InlineData(nameof(IReplayGuard.CheckAndRecordAsync))]
    [InlineData(nameof(IReplayGuard.ConfirmAsync))]
    public async Task A_replay_check_or_confirmation_whose_grain_does_not_answer_fails_with_a_timeout_after_the_configured_wait(string operation)
    {
        var guard = Guard(new TaskCompletionSource<ReplayVerdict>().Task);
        var at = TestGateway.Start.ToUnixTimeMilliseconds();
        var started = Stopwatch.GetTimestamp();

        var failure = await Record.ExceptionAsync(async () =>
        {
            if (operation == nameof(IReplayGuard.ConfirmAsync))
            {
                await guard.ConfirmAsync("H990001T3", at, new string('a', 64), CancellationToken.None);
            }
            else
            {
                await guard.CheckAndRecordAsync("H990001T3", at, new string('a', 64), CancellationToken.None);
            }
        });
        var waited = Stopwatch.GetElapsedTime(started);

        Assert.IsType<TimeoutException>(failure);
        // The timer runs on the millisecond tick count and the stopwatch on the high-resolution clock, so the timeout
        // can be seen to fire up to a tick early by the stopwatch (CI once measured 299.93 ms for 300 ms).
        Assert.InRange(waited, Timeout - TimerGranularity, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_replay_check_whose_grain_answers_in_time_returns_its_verdict()
    {
        var guard = Guard(Task.FromResult(ReplayVerdict.Replay));

        var verdict = await guard.CheckAndRecordAsync("H990001T3", TestGateway.Start.ToUnixTimeMilliseconds(), new string('a', 64), CancellationToken.None);

        Assert.Equal(ReplayVerdict.Replay, verdict);
    }

    [Fact]
    public async Task Every_check_asks_the_grain_the_gateway_keeping_no_copy_of_the_signatures()
    {
        // A grain that answers Recorded each time: a gateway keeping its own copy would answer the second check Replay
        // without asking.
        var guard = Guard(Task.FromResult(ReplayVerdict.Recorded));
        var at = TestGateway.Start.ToUnixTimeMilliseconds();

        var verdicts = new[]
        {
            await guard.CheckAndRecordAsync("H990001T3", at, new string('a', 64), CancellationToken.None),
            await guard.CheckAndRecordAsync("H990001T3", at, new string('a', 64), CancellationToken.None),
        };

        Assert.Equal([ReplayVerdict.Recorded, ReplayVerdict.Recorded], verdicts);
    }

    private static GrainReplayGuard Guard(Task<ReplayVerdict> answer)
    {
        var grains = DispatchProxy.Create<IGrainFactory, GrainFactoryProxy>();
        ((GrainFactoryProxy)(object)grains).Answer = answer;
        return new GrainReplayGuard(grains, Options.Create(new GatewayOptions { ReplayCheckTimeout = Timeout }));
    }

    /// <summary>An <see cref="IGrainFactory"/> that only hands out replay-window grains answering <see cref="Answer"/>.</summary>
    public class GrainFactoryProxy : DispatchProxy
    {
        public Task<ReplayVerdict> Answer { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IGrainFactory.GetGrain) || targetMethod.ReturnType != typeof(IReplayWindowGrain))
            {
                throw new NotSupportedException(targetMethod?.ToString());
            }

            var grain = DispatchProxy.Create<IReplayWindowGrain, ReplayWindowGrainProxy>();
            ((ReplayWindowGrainProxy)(object)grain).Answer = Answer;
            return grain;
        }
    }

    /// <summary>A replay-window grain whose <see cref="IReplayWindowGrain.RecordAsync"/> and <see cref="IReplayWindowGrain.ConfirmAsync"/> return <see cref="Answer"/>.</summary>
    public class ReplayWindowGrainProxy : DispatchProxy
    {
        public Task<ReplayVerdict> Answer { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name is nameof(IReplayWindowGrain.RecordAsync) or nameof(IReplayWindowGrain.ConfirmAsync)
                ? Answer
                : throw new NotSupportedException(targetMethod?.ToString());
    }
}
