using System.Net;
using System.Text.Json;
using Medisettle.Gateway.Transactions;
using Medisettle.Interfaces.Platform;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Medisettle.Gateway.Tests;

/// <summary>
/// A failure that means "not now" (a silo lost mid-call, a timeout, a stale activation's write refused) is 503 with
/// Retry-After and infcode 9998, telling the client to retry with the same msgid; anything else stays 500/9999.
/// </summary>
public sealed class UnavailableTests
{
    private sealed class FailingSettlementHandler(Exception failure) : TransactionHandler<SettlementInput, SettlementOutput>(TransactionContracts.OutpatientSettlement)
    {
        protected override ValueTask<HandlerOutcome<SettlementOutput>> ExecuteAsync(TransactionRequest<SettlementInput> request, CancellationToken cancellationToken) =>
            throw failure;
    }

    public static TheoryData<string> TransientFailures => ["silo", "busy", "connection", "timeout", "stale", "expired", "wrapped"];

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task A_transient_cluster_failure_is_503_with_retry_after_and_infcode_9998(string kind)
    {
        Exception failure = kind switch
        {
            "silo" => new SiloUnavailableException(),
            "busy" => new GatewayTooBusyException(),
            "connection" => new ConnectionFailedException("no connection"),
            "timeout" => new TimeoutException("response timed out"),
            "stale" => new InconsistentStateException("version conflict"),
            "expired" => new OperationCanceledException("Message expired before placement could complete for grain replaywindow/P99000100036/59."),
            _ => new AggregateException(new SiloUnavailableException()),
        };

        var (status, retryAfter, response) = await PostAsync(failure);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "1"), (status, retryAfter));
        Assert.Equal(Infcodes.Unavailable, response.Infcode);
        Assert.Equal(
            "not answered now (the cluster is failing over or busy); the request may or may not have been applied: retry it with the same msgid after 1 s",
            response.ErrMsg);
    }

    [Fact]
    public async Task Any_other_failure_stays_an_internal_error()
    {
        var (status, retryAfter, response) = await PostAsync(new InvalidOperationException("bug"));

        Assert.Equal((HttpStatusCode.InternalServerError, null), (status, retryAfter));
        Assert.Equal(Infcodes.InternalError, response.Infcode);
    }

    private static async Task<(HttpStatusCode Status, string? RetryAfter, PlatformResponse Response)> PostAsync(Exception failure)
    {
        await using var gateway = await TestGateway.StartAsync(services: s => s.AddSingleton<ITransactionHandler>(new FailingSettlementHandler(failure)));
        using var request = gateway.Signed(TestGateway.Bytes(TestGateway.Envelope("2207", Samples.SettlementInput(), msgid: "MSG2207")));
        using var response = await gateway.Client.SendAsync(request);
        var body = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), PlatformJsonContext.Default.PlatformResponse)!;
        return (response.StatusCode, response.Headers.RetryAfter?.ToString(), body);
    }
}
