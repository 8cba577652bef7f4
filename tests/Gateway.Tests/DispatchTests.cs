using System.Net;
using Medisettle.Gateway.Transactions;
using Medisettle.Gateway.Validation;
using Medisettle.Interfaces.Platform;
using System.Text.Json;

namespace Medisettle.Gateway.Tests;

public sealed class DispatchTests
{
    /// <summary>A test double for a real 2207 handler: answers the typed input back, in fen.</summary>
    private sealed class EchoSettlementHandler : TransactionHandler<SettlementInput, SettlementOutput>
    {
        public EchoSettlementHandler()
            : base(TransactionContracts.OutpatientSettlement)
        {
        }

        protected override ValueTask<HandlerOutcome<SettlementOutput>> ExecuteAsync(TransactionRequest<SettlementInput> request, CancellationToken cancellationToken)
        {
            if (request.Input.Data.PsnNo == "UNKNOWN")
            {
                return ValueTask.FromResult(HandlerOutcome<SettlementOutput>.Reject(Infcodes.UnknownPerson, "person UNKNOWN is not insured here"));
            }

            var total = WireAmount.ToMoney(request.Input.Data.MedfeeSumamt);
            var info = new SettlementInfo
            {
                MdtrtId = request.Input.Data.MdtrtId, SetlId = request.Context.Envelope.Msgid, PsnNo = request.Context.Institution,
                MedfeeSumamt = WireAmount.ToYuan(total), FulamtOwnpayAmt = 0, OverlmtSelfpay = 0, PreselfpayAmt = 0, InscpScpAmt = 0,
                ActPayDedc = 0, HifpPay = 0, PoolPropSelfpay = 0, HifmiPay = 0, HifobPay = 0, MafPay = 0, OthPay = 0, FundPaySumamt = 0,
                PsnPartAmt = 0, AcctPay = 0, PsnCashPay = WireAmount.ToYuan(total), HospPartAmt = 0, Balc = total.Fen,
                SetlTime = WireTime.Format(request.Context.ReceivedAt),
            };
            return ValueTask.FromResult(HandlerOutcome<SettlementOutput>.Ok(new SettlementOutput { Setlinfo = info, Setldetail = [] }, "echo"));
        }
    }

    private sealed class SecondSignInHandler() : TransactionHandler<SignInInput, SignInOutput>(TransactionContracts.SignIn)
    {
        protected override ValueTask<HandlerOutcome<SignInOutput>> ExecuteAsync(TransactionRequest<SignInInput> request, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    [Fact]
    public async Task Registered_handler_receives_the_typed_input_and_its_output_is_the_envelope_output()
    {
        await using var gateway = await TestGateway.StartAsync(services: s => s.AddTransactionHandler<EchoSettlementHandler>());

        var (status, response) = await gateway.PostSignedAsync(TestGateway.Envelope("2207", Samples.SettlementInput(), msgid: "MSG2207"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Infcodes.Success, response.Infcode);
        Assert.Equal("echo", response.WarnMsg);
        var output = response.Output!.Value.Deserialize(PlatformJsonContext.Default.SettlementOutput)!;
        Assert.Equal(123.45m, output.Setlinfo.MedfeeSumamt);
        Assert.Equal(12345m, output.Setlinfo.Balc);
        Assert.Equal("MSG2207", output.Setlinfo.SetlId);
        Assert.Equal(TestGateway.InstitutionA, output.Setlinfo.PsnNo);
        Assert.Equal("2025-03-01 10:00:00", output.Setlinfo.SetlTime);
    }

    [Fact]
    public async Task Handler_rejection_is_an_http_200_envelope_error()
    {
        await using var gateway = await TestGateway.StartAsync(services: s => s.AddTransactionHandler<EchoSettlementHandler>());
        var input = Samples.SettlementInput();
        input["data"]!["psn_no"] = "UNKNOWN";
        input["data"]!["mdtrt_cert_no"] = "UNKNOWN";

        var (status, response) = await gateway.PostSignedAsync(TestGateway.Envelope("2207", input));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Infcodes.UnknownPerson, response.Infcode);
        Assert.Equal("person UNKNOWN is not insured here", response.ErrMsg);
        Assert.Null(response.Output);
    }

    [Fact]
    public async Task Registered_handler_still_gets_no_bad_input()
    {
        await using var gateway = await TestGateway.StartAsync(services: s => s.AddTransactionHandler<EchoSettlementHandler>());

        var (status, response) = await gateway.PostSignedAsync(TestGateway.Envelope("2207", Samples.SettlementInput(System.Text.Json.Nodes.JsonValue.Create(-1m))));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Infcodes.InvalidValue, response.Infcode);
    }

    [Fact]
    public async Task Two_handlers_for_one_infno_fail_at_start()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestGateway.StartAsync(services: s => s.AddTransactionHandler<SecondSignInHandler>()));

        Assert.Equal("Two transaction handlers are registered for infno 9001: SignInHandler and SecondSignInHandler.", exception.Message);
    }
}
