using System.Net;
using Medisettle.Interfaces.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Medisettle.Gateway.Tests;

/// <summary>Logs and err_msg never carry a full ID number, and echo at most 64 characters of any client-supplied value.</summary>
public sealed class LogBoundsTests
{
    private const string FullIdNumber = "110101199003071234";

    private static Task<TestGateway> StartAsync(CapturingLoggerProvider logs) => TestGateway.StartAsync(
        services: services => services.AddSingleton<ILoggerProvider>(logs).AddLogging(b => b.SetMinimumLevel(LogLevel.Trace)),
        map: app => app.MapGatewayAdmin().MapGet("/persons/{psnNo}", (string psnNo) => TypedResults.Ok(psnNo)));

    [Fact]
    public async Task Refused_admin_request_logs_the_person_id_masked_never_in_full()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartAsync(logs);

        using var response = await gateway.Client.GetAsync($"/admin/v1/persons/{FullIdNumber}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Admin request to /admin/v1/persons/110101********1234 refused: Admin credential required", logs.Lines);
        Assert.Equal([], logs.Lines.Where(line => line.Contains(FullIdNumber, StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public async Task Refused_admin_request_with_an_8_KB_path_value_logs_a_bounded_line()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartAsync(logs);

        using var response = await gateway.Client.GetAsync("/admin/v1/persons/" + new string('7', 8192));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var line = Assert.Single(logs.Lines, l => l.StartsWith("Admin request to", StringComparison.Ordinal));
        // The value is bounded first (64 characters + "…(8192 characters)", 82 in all), then masked: first 6 and last 4 kept.
        Assert.Equal($"Admin request to /admin/v1/persons/777777{new string('*', 72)}ers) refused: Admin credential required", line);
    }

    [Fact]
    public async Task Institution_header_of_8_KB_gets_a_bounded_err_msg_and_bounded_log_lines()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartAsync(logs);
        var huge = new string('H', 8192);
        var request = gateway.Signed(TestGateway.Bytes(TestGateway.Envelope("9001", TestGateway.SignInInput())));
        request.Headers.Remove(RequestSigner.InstitutionHeader);
        request.Headers.Add(RequestSigner.InstitutionHeader, huge);

        var (status, response) = await gateway.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(Infcodes.UnknownInstitution, response.Infcode);
        Assert.Equal(
            $"institution '{new string('H', 64)}…(8192 characters)' is not registered: X-Medisettle-Institution has 8192 characters; " +
            "at most 30 ASCII letters or digits are accepted",
            response.ErrMsg);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.True(line.Length <= 400, $"{line.Length} characters: {line[..Math.Min(line.Length, 200)]}"));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(new string('H', 65), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_field_with_an_8_KB_name_is_echoed_bounded()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartAsync(logs);
        var envelope = TestGateway.Envelope("9001", TestGateway.SignInInput());
        envelope[new string('x', 8192)] = 1;

        var (status, response) = await gateway.PostSignedAsync(envelope);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(Infcodes.UnknownField, response.Infcode);
        Assert.Equal($"unknown field '{new string('x', 64)}…(8192 characters)'", response.ErrMsg);
        Assert.All(logs.Lines, line => Assert.True(line.Length <= 400, $"{line.Length} characters"));
    }

    [Fact]
    public async Task Person_id_in_a_settlement_err_msg_is_masked()
    {
        await using var gateway = await TestGateway.StartAsync();
        var input = Samples.SettlementInput();
        input["data"]!["psn_no"] = FullIdNumber;
        input["data"]!["mdtrt_cert_no"] = "110101199003075678";

        var (_, response) = await gateway.PostSignedAsync(TestGateway.Envelope("2207", input));

        Assert.Equal(Infcodes.InvalidValue, response.Infcode);
        Assert.DoesNotContain(FullIdNumber, response.ErrMsg, StringComparison.Ordinal);
        Assert.DoesNotContain("110101199003075678", response.ErrMsg, StringComparison.Ordinal);
    }
}
