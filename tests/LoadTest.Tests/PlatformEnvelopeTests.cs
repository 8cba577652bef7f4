using System.Text;
using System.Text.Json;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Platform;
using Medisettle.Interfaces.Settlement;
using Medisettle.LoadTest.Targets;
using Xunit;

namespace Medisettle.LoadTest.Tests;

public sealed class PlatformEnvelopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void Body_is_the_snake_case_envelope_with_the_input_inline()
    {
        var input = new SettlementCancelInput { Data = new SettlementCancellation { SetlId = "S1", MdtrtId = "V1", PsnNo = "P1" } };

        var body = PlatformEnvelope.Body("2208", "H99000100000202603020902030001", "H99000100000", "990001", input, PlatformJsonContext.Default.SettlementCancelInput, Now);

        var request = JsonSerializer.Deserialize(body, PlatformJsonContext.Default.PlatformRequest)!;
        Assert.Equal("2208", request.Infno);
        Assert.Equal("2026-03-02 09:02:03", request.InfTime);
        Assert.Equal("S1", request.Input.GetProperty("data").GetProperty("setl_id").GetString());
        Assert.Contains("\"fixmedins_code\":\"H99000100000\"", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VisitType.Pharmacy, "2103")]
    [InlineData(VisitType.Inpatient, "2305")]
    [InlineData(VisitType.Accident, "2305")]
    [InlineData(VisitType.Outpatient, "2208")]
    [InlineData(VisitType.OutpatientMajorDisease, "2208")]
    [InlineData(VisitType.SpecialDiseaseOutpatient, "2208")]
    public void A_settlement_is_cancelled_with_the_transaction_of_its_kind(VisitType type, string infno) =>
        Assert.Equal(infno, HttpWire.CancelInfno(type));

    [Fact]
    public void Signed_request_carries_the_documented_signature()
    {
        var body = Encoding.UTF8.GetBytes("{\"infno\":\"9001\"}");
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        using var request = PlatformEnvelope.Signed(body, "H11010100001", "demo-secret-0123456789abcdef", at);

        Assert.Equal(PlatformEnvelope.Path, request.RequestUri!.OriginalString);
        Assert.Equal("1700000000000", request.Headers.GetValues(RequestSigner.TimestampHeader).Single());
        Assert.Equal("H11010100001", request.Headers.GetValues(RequestSigner.InstitutionHeader).Single());
        // The worked example of docs/gateway.md.
        Assert.Equal("a9770d0e242d60eac776f8f0fa333635b03d7fd605a9bc03a907d9bc0e9652de", request.Headers.GetValues(RequestSigner.SignatureHeader).Single());
    }

    [Fact]
    public void Only_loopback_gateways_are_targeted()
    {
        Assert.Throws<ArgumentException>(() => new HttpTarget(new HttpOptions { BaseAddress = new Uri("http://example.com"), Credentials = DemoCredentials.Generate(1) }, TimeProvider.System));
    }
}
