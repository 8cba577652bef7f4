using System.Net.Http.Headers;
using System.Text.Json;
using Medisettle.Grains.Demo;
using Medisettle.Interfaces.Settlement;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Medisettle.Silo.Tests;

/// <summary>
/// The operator page and the Orleans Dashboard in a real (headless) Chromium against a real silo process: signed swipes
/// go in, <c>/ops</c> shows their count and moves when more arrive, <c>/ops/data</c> reports the silo with its
/// activations and the fund pools, and <c>/dashboard/</c> shows the silo and our grain types. Saves the page as
/// <c>ops.png</c> in the temp directory, or to the path in <c>MEDISETTLE_OPS_SCREENSHOT</c> (how README's
/// <c>docs/img/ops.png</c> is made: <c>MEDISETTLE_OPS_SCREENSHOT=docs/img/ops.png</c>). The browser is the Debian chromium (<c>.ci/run</c> installs it);
/// without it the test fails rather than skips.
/// </summary>
public sealed class OperatorPageBrowserTests(ITestOutputHelper output)
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const int Persons = 200;
    private const int Institutions = 20;
    private const int FirstSwipes = 12;
    private const int MoreSwipes = 8;

    /// <summary>Bound on each wait for the page: it polls <c>/ops/data</c> every 2 s, on a shared 2-core machine.</summary>
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ops_page_shows_the_settlements_sent_and_moves_with_more_and_the_dashboard_shows_the_silo()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Chromium is missing at {ChromiumPath}: install the Debian packages chromium and chromium-driver (.ci/run does).");
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"medisettle-browser-{Guid.NewGuid():N}");
        try
        {
            await using var silo = await SiloProcess.StartAsync(dataDirectory, SiloProcess.FreePort(), Persons, Institutions);
            using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
            var platform = PlatformClient.ForSilo(http, dataDirectory);
            var swipes = Plan();
            var paidFen = await SendAsync(platform, swipes.Take(FirstSwipes));

            var data = await OpsDataAfterPostingsAsync(http);
            output.WriteLine($"funds {data.GetProperty("funds").GetRawText()}, silos {data.GetProperty("silos").GetRawText()}");
            AssertOpsData(data, FirstSwipes, swipes.Take(FirstSwipes).ToArray(), paidFen);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox"], // the tests run as root
                Timeout = (float)PageWait.TotalMilliseconds,
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 720 } });
            page.SetDefaultTimeout((float)PageWait.TotalMilliseconds);

            await SignInAsync(page, silo.BaseAddress);
            await ExpectText(page.Locator("#settlements"), FirstSwipes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("#silos tbody tr")).ToHaveCountAsync(1, new() { Timeout = Milliseconds(PageWait) });
            await ExpectText(page.Locator("#silos tbody tr td").First, Silo(data).GetProperty("address").GetString()!);
            await Assertions.Expect(page.Locator("#funds tbody tr"))
                .ToHaveCountAsync(data.GetProperty("funds").GetArrayLength(), new() { Timeout = Milliseconds(PageWait) });

            paidFen += await SendAsync(platform, swipes.Skip(FirstSwipes));
            await ExpectText(page.Locator("#settlements"), (FirstSwipes + MoreSwipes).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await ExpectText(page.Locator("#busy"), "0");

            // The one pool (see AssertOpsData) spent what all the swipes took, once the dispatcher delivered them.
            await ExpectText(page.Locator("#funds tbody tr td").Nth(2), (paidFen / 100m).ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(), FullPage = true });
            AssertOpsData(await OpsDataAfterPostingsAsync(http), FirstSwipes + MoreSwipes, swipes, paidFen);

            await ExpectDashboardAsync(page, silo.BaseAddress, Silo(data).GetProperty("address").GetString()!);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>A guarded page without the cookie answers with the sign-in form; posting the admin token lands on <c>/ops</c>.</summary>
    private static async Task SignInAsync(IPage page, Uri baseAddress)
    {
        var signIn = await page.GotoAsync(new Uri(baseAddress, "/ops").ToString());
        Assert.Equal(401, signIn!.Status);
        await page.FillAsync("#token", SiloProcess.AdminToken);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(new Uri(baseAddress, "/ops").ToString());
        Assert.Equal("Medisettle operations", await page.TitleAsync());
    }

    /// <summary>
    /// The dashboard's overview counts one active silo, its silo page shows our silo active and its grain page
    /// counts an activation of <c>PersonGrain</c> for every demo person (the seeder wrote each one).
    /// </summary>
    private static async Task ExpectDashboardAsync(IPage page, Uri baseAddress, string siloAddress)
    {
        var dashboard = await page.GotoAsync(new Uri(baseAddress, "/dashboard/").ToString());
        Assert.Equal(200, dashboard!.Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Active Silos1", new() { Timeout = Milliseconds(PageWait) });

        // "S127.0.0.1:40221:154956038" (SiloAddress.ToString) is "127.0.0.1:40221@154956038" on the dashboard.
        var generation = siloAddress.LastIndexOf(':');
        var dashboardName = siloAddress[1..generation] + "@" + siloAddress[(generation + 1)..];
        await page.GotoAsync(new Uri(baseAddress, "/dashboard/#/silos").ToString());
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(dashboardName + " Active", new() { Timeout = Milliseconds(PageWait) });

        await page.GotoAsync(new Uri(baseAddress, "/dashboard/#/grains").ToString());
        var personGrains = page.Locator("tr", new() { HasText = "PersonGrain" });
        await Assertions.Expect(personGrains).ToHaveCountAsync(1, new() { Timeout = Milliseconds(PageWait) });
        await ExpectText(personGrains.Locator("td").Nth(2), Persons.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task ExpectText(ILocator locator, string text) =>
        Assertions.Expect(locator).ToHaveTextAsync(text, new() { Timeout = Milliseconds(PageWait) });

    private static float Milliseconds(TimeSpan span) => (float)span.TotalMilliseconds;

    private static string ScreenshotPath()
    {
        var given = Environment.GetEnvironmentVariable("MEDISETTLE_OPS_SCREENSHOT");
        var path = string.IsNullOrEmpty(given)
            ? Path.Combine(Path.GetTempPath(), "medisettle-ops.png")
            : Path.GetFullPath(given, BuiltProgram.RepositoryRoot());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>
    /// Sends the swipes one by one; each must settle. Returns the fen the fund pools and personal accounts paid in all
    /// (setlinfo fund_pay_sumamt + acct_pay): what the pools' spending must grow by.
    /// </summary>
    private static async Task<long> SendAsync(PlatformClient platform, IEnumerable<Swipe> swipes)
    {
        long paidFen = 0;
        foreach (var swipe in swipes)
        {
            var response = await platform.SendAsync("2102", swipe.Pharmacy, swipe.MessageId, PlatformClient.PharmacyInput(swipe.PersonId, swipe.Yuan));
            Assert.True(response.GetProperty("infcode").GetInt32() == 0, response.GetRawText());
            var setlinfo = response.GetProperty("output").GetProperty("setlinfo");
            paidFen += Interfaces.Money.FromYuan(setlinfo.GetProperty("fund_pay_sumamt").GetDecimal()).Fen
                + Interfaces.Money.FromYuan(setlinfo.GetProperty("acct_pay").GetDecimal()).Fen;
        }

        return paidFen;
    }

    /// <summary><c>/ops/data</c> once the posting dispatcher has delivered every journal entry (bounded wait).</summary>
    private static async Task<JsonElement> OpsDataAfterPostingsAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow + PageWait;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/ops/data");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SiloProcess.AdminToken);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"/ops/data: {(int)response.StatusCode} {text}");
            var data = JsonDocument.Parse(text).RootElement.Clone();
            if (data.GetProperty("journalLag").GetProperty("entries").GetInt64() == 0 || DateTime.UtcNow > deadline)
            {
                return data;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static void AssertOpsData(JsonElement data, int settlements, IReadOnlyList<Swipe> swipes, long paidFen)
    {
        var traffic = data.GetProperty("traffic");
        Assert.Equal(settlements, traffic.GetProperty("settlements").GetInt64());
        Assert.Equal(settlements, traffic.GetProperty("requests").GetInt64());
        Assert.Equal(0, traffic.GetProperty("busyRefusals").GetInt64());
        Assert.Equal(0, traffic.GetProperty("refusals").GetArrayLength());
        Assert.Equal(0, data.GetProperty("journalLag").GetProperty("entries").GetInt64());

        var silo = Silo(data);
        Assert.Equal("Active", silo.GetProperty("status").GetString());
        var activated = swipes.Select(s => s.PersonId).Distinct(StringComparer.Ordinal).Count() + swipes.Select(s => s.Pharmacy).Distinct(StringComparer.Ordinal).Count();
        Assert.True(silo.GetProperty("activations").GetInt32() >= activated,
            $"{silo.GetProperty("activations").GetInt32()} activations, fewer than the {activated} persons and pharmacies swiped");

        // The demo employees pay at the pharmacy from their personal accounts: one pool.
        var funds = data.GetProperty("funds").EnumerateArray().ToArray();
        Assert.Equal("990001:Employee:PersonalAccount", Assert.Single(funds).GetProperty("key").GetString());
        Assert.Equal(paidFen, funds.Sum(f => f.GetProperty("spendingFen").GetInt64()));
        Assert.All(funds, f => Assert.Equal(f.GetProperty("incomeFen").GetInt64() - f.GetProperty("spendingFen").GetInt64(), f.GetProperty("balanceFen").GetInt64()));
    }

    private static JsonElement Silo(JsonElement data) => Assert.Single(data.GetProperty("silos").EnumerateArray().ToArray());

    /// <summary>Pharmacy swipes of demo employees at the demo pharmacies, one per person, deterministic.</summary>
    private static List<Swipe> Plan()
    {
        var employees = Enumerable.Range(0, Persons)
            .Where(i => DemoData.Person(i).Profile is { Scheme: Scheme.Employee, InsuredRegion: DemoData.DemoRegion })
            .Take(FirstSwipes + MoreSwipes).ToArray();
        var pharmacies = Enumerable.Range(0, Institutions)
            .Where(i => DemoData.InstitutionProfileAt(i).Kind == InstitutionKind.Pharmacy && DemoData.InstitutionProfileAt(i).Region == DemoData.DemoRegion)
            .Select(DemoData.InstitutionCode).ToArray();
        Assert.Equal(FirstSwipes + MoreSwipes, employees.Length);
        return employees.Select((person, i) => new Swipe(
            PlatformClient.MessageId(pharmacies[i % pharmacies.Length], i), pharmacies[i % pharmacies.Length], DemoData.PersonId(person), 20m + i)).ToList();
    }

    private sealed record Swipe(string MessageId, string Pharmacy, string PersonId, decimal Yuan);
}
