using System.Net;
using System.Text.Json;
using Medisettle.Gateway.Transactions;
using Medisettle.Interfaces.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Medisettle.Gateway.Tests;

/// <summary>
/// Overload: at most <see cref="GatewayOptions.TransactionsInFlightMax"/> transactions are worked on at once; one more is
/// refused at once with 503, infcode 9997 and Retry-After (not queued), and is accepted again once a slot is free.
/// </summary>
public sealed class AdmissionTests
{
    private sealed class HeldSettlementHandler(Task release) : TransactionHandler<SettlementInput, SettlementOutput>(TransactionContracts.OutpatientSettlement)
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async ValueTask<HandlerOutcome<SettlementOutput>> ExecuteAsync(TransactionRequest<SettlementInput> request, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await release;
            return HandlerOutcome<SettlementOutput>.Reject("held, then answered");
        }
    }

    [Fact]
    public async Task One_transaction_beyond_the_bound_is_refused_at_once_with_9997_and_accepted_once_a_slot_is_free()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new HeldSettlementHandler(release.Task);
        await using var gateway = await TestGateway.StartAsync(
            configure: o => o.TransactionsInFlightMax = 1,
            services: s => s.AddSingleton<ITransactionHandler>(handler));

        var held = SendAsync(gateway, "MSG0001");
        await handler.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var (busyStatus, busyRetryAfter, busy) = await SendAsync(gateway, "MSG0002");
        release.SetResult();
        var (heldStatus, _, heldAnswer) = await held;
        var (laterStatus, _, later) = await SendAsync(gateway, "MSG0003");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "1", Infcodes.Busy), (busyStatus, busyRetryAfter, busy.Infcode));
        Assert.Equal("gateway busy: 1 transactions are in flight; the request was not processed: send it again after 1 s", busy.ErrMsg);
        Assert.Equal((HttpStatusCode.OK, -1, "held, then answered"), (heldStatus, heldAnswer.Infcode, heldAnswer.ErrMsg));
        Assert.Equal((HttpStatusCode.OK, -1), (laterStatus, later.Infcode));
    }

    private static async Task<(HttpStatusCode Status, string? RetryAfter, PlatformResponse Response)> SendAsync(TestGateway gateway, string msgid)
    {
        using var request = gateway.Signed(TestGateway.Bytes(TestGateway.Envelope("2207", Samples.SettlementInput(), msgid: msgid)));
        using var response = await gateway.Client.SendAsync(request);
        var body = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), PlatformJsonContext.Default.PlatformResponse)!;
        return (response.StatusCode, response.Headers.RetryAfter?.ToString(), body);
    }
}
