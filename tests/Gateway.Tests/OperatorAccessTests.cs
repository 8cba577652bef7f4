using System.Net;
using Medisettle.Gateway.Operations;

namespace Medisettle.Gateway.Tests;

public sealed class OperatorAccessTests
{
    [Fact]
    public async Task Ops_page_without_a_credential_answers_401_with_the_sign_in_form()
    {
        await using var gateway = await StartAsync();

        using var response = await gateway.Client.GetAsync("/ops");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/ops/login\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ops_page_with_the_bearer_token_is_served()
    {
        await using var gateway = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ops");
        request.Headers.Authorization = new("Bearer", TestGateway.AdminToken);

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Medisettle operations</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_in_the_query_sets_an_http_only_cookie_and_redirects_without_it()
    {
        await using var gateway = await StartAsync();

        using var response = await gateway.Client.GetAsync("/dashboard/?token=" + TestGateway.AdminToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(OperatorAccessMiddleware.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(TestGateway.AdminToken, cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cookie_from_the_login_form_lets_the_page_through_and_a_forged_cookie_does_not()
    {
        await using var gateway = await StartAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = TestGateway.AdminToken, ["return"] = "/ops" });
        using var login = await gateway.Client.PostAsync(OperatorAccessMiddleware.LoginPath, form);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie")).Split(';')[0];

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/ops");
        withCookie.Headers.Add("Cookie", cookie);
        using var allowed = await gateway.Client.SendAsync(withCookie);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/ops");
        forged.Headers.Add("Cookie", OperatorAccessMiddleware.CookieName + "=" + new string('0', 64));
        using var refused = await gateway.Client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/ops", login.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/", "/ops")]
    [InlineData("/admin/v1/funds", "/ops")]
    [InlineData("/dashboard/", "/dashboard/")]
    public async Task Login_returns_only_to_a_guarded_page(string back, string expected)
    {
        await using var gateway = await StartAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = TestGateway.AdminToken, ["return"] = back });

        using var login = await gateway.Client.PostAsync(OperatorAccessMiddleware.LoginPath, form);

        Assert.Equal(expected, login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_token_sets_no_cookie()
    {
        await using var gateway = await StartAsync();

        using var response = await gateway.Client.GetAsync("/ops?token=wrong-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("That is not the admin token.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<TestGateway> StartAsync() => TestGateway.StartAsync(map: app =>
    {
        app.UseOperatorAccess();
        app.MapOperatorPage();
    });
}
