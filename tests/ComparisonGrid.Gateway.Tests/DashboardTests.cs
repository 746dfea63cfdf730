using System.Diagnostics;
using System.Net;
using System.Text;
using ComparisonGrid.TestKit;
using Microsoft.Playwright;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// The dashboard in headless Chromium against a real gateway process: pick an indicator, see the table and the
/// chart, ingest a report through the API and watch the page update. Screenshots go to artifacts/screenshots.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private const string Key = "dashboard-key";
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("cgrid-dashboard-").FullName;
    private readonly string _screenshots = Path.Combine(GatewayFactory.RepositoryRoot, "artifacts", "screenshots");
    private GatewayProcess? _gateway;
    private string _url = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_screenshots);
        _gateway = await GatewayProcess.StartAsync(_dataDirectory, Key);
        _url = _gateway.Url;
    }

    public Task DisposeAsync()
    {
        _gateway?.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_compare_page_shows_table_and_chart_and_updates_live_when_a_report_is_ingested()
    {
        // Other test classes run beside this one on two cores; give the page time rather than flake.
        Assertions.SetDefaultExpectTimeout(20_000);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await WidePageAsync(browser);
        var errors = Browsers.CollectErrors(page);

        await ShowGdpGrowthAsync(page, "2022", "province");
        var table = page.Locator("[data-testid=comparison-table]");
        await Assertions.Expect(table).ToContainTextAsync("河北省");
        await Assertions.Expect(page.Locator("[data-testid=indicator] option[value=gdp_growth]")).ToHaveTextAsync("地区生产总值增长 (gdp_growth)");
        await Assertions.Expect(table).ToContainTextAsync("辽宁省");
        await Assertions.Expect(table).ToContainTextAsync("青海省");
        await Assertions.Expect(page.Locator("[data-testid=bar-chart] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=map-chart] canvas")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, "compare-before.png"), FullPage = true });

        // Sorting by region name: a click on a header reorders the rows.
        await page.ClickAsync("[data-testid=comparison-table] th:nth-child(2)");
        await Assertions.Expect(page.Locator("[data-testid=comparison-table] th:nth-child(2)")).ToHaveClassAsync("sorted-asc");

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_url}/api/reports")
        {
            Content = new StringContent(await File.ReadAllTextAsync(GatewayFactory.Fixture("shandong-2022.txt")), Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);

        await Assertions.Expect(table).ToContainTextAsync("山东省", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=updated]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, "compare-after-ingest.png"), FullPage = true });

        // Themes: pick one and the ranking follows it.
        await page.SelectOptionAsync("[data-testid=kind]", "themes");
        await page.SelectOptionAsync("[data-testid=theme]", "rural_revitalization");
        await page.SelectOptionAsync("[data-testid=level]", "");
        await page.ClickAsync("[data-testid=show]");
        await Assertions.Expect(page.Locator("[data-testid=comparison-table] th").Nth(3)).ToContainTextAsync("乡村振兴");

        await page.GotoAsync($"{_url}/#/region/140800");
        await Assertions.Expect(page.Locator("h2")).ToContainTextAsync("运城市");
        // Figures are marked inside the section text and lead to their row.
        var marked = page.Locator("[data-testid=section] mark[data-figure]").First;
        await Assertions.Expect(marked).ToBeVisibleAsync();
        await marked.ClickAsync();
        await Assertions.Expect(page.Locator("tr.highlight")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, "region.png"), FullPage = true });

        // A region with two years shows what changed from one report to the next, with both sentences.
        foreach (var year in new[] { 2022, 2023 })
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, $"{_url}/api/reports")
            {
                Content = new StringContent(await File.ReadAllTextAsync(Path.Combine(GatewayFactory.RepositoryRoot, "tests", "corpus", "dev", "texts", $"dev-guangdong-{year}.txt")),
                    Encoding.UTF8, "text/plain"),
            };
            post.Headers.Add("X-Api-Key", Key);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(post)).StatusCode);
        }
        await page.GotoAsync($"{_url}/#/region/440000");
        var changes = page.Locator("[data-testid=region-changes]");
        await Assertions.Expect(page.Locator("[data-testid=region-indicator] option[value=gdp_growth]")).ToHaveTextAsync("地区生产总值增长 (gdp_growth)");
        await Assertions.Expect(changes).ToContainTextAsync("Changes 2022 → 2023");
        await Assertions.Expect(changes.Locator("tr", new LocatorLocatorOptions { HasText = "retail_sales_growth" })).ToContainTextAsync("lowered");
        await Assertions.Expect(changes).ToContainTextAsync("社会消费品零售总额增长6.5%");
        await Assertions.Expect(changes).ToContainTextAsync("社会消费品零售总额增长 (retail_sales_growth)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, "region-changes.png"), FullPage = true });

        await page.GotoAsync($"{_url}/#/reports");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("year-mismatch");
        await Assertions.Expect(page.Locator("[data-testid=dataset-export] a").First).ToHaveAttributeAsync("href", "/api/export?format=parquet");
        // The clauses read as neither target nor achievement open under their count, each with its quote and offset.
        var unread = page.Locator("[data-testid^=unread-]").First;
        await unread.Locator("summary").ClickAsync();
        await Assertions.Expect(unread.Locator("tr").First).ToContainTextAsync(new System.Text.RegularExpressions.Regex("(review|plan).*「.+」offset \\d+"));
        await page.GotoAsync($"{_url}/#/cluster");
        var silos = page.Locator("[data-testid=cluster-silos] tbody tr");
        await Assertions.Expect(silos).ToHaveCountAsync(1);
        await Assertions.Expect(silos.First.Locator("[data-testid=silo-status]")).ToHaveTextAsync("active");
        // Latencies in human units (column p99: "1.23 ms" or "850 µs"), never a raw count of microseconds with a fraction.
        await Assertions.Expect(silos.First.Locator("td").Nth(6)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(\d+ µs|[\d.]+ m?s)$"));
        await Assertions.Expect(page.Locator("[data-testid=silo-chart] canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=orleans-dashboard] a")).ToHaveAttributeAsync("href", "/dashboard/");
        await Assertions.Expect(page.Locator("table").Nth(2)).ToContainTextAsync("IComparisonGrain.GetAsync");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, "cluster.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_panel_page_draws_the_heatmap_of_the_samples_and_offers_the_csv_the_api_gives()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await WidePageAsync(browser);
        var errors = Browsers.CollectErrors(page);

        await page.GotoAsync($"{_url}/#/panel?indicator=gdp_growth&from=2019&to=2024");
        await Assertions.Expect(page.Locator("[data-testid=panel-heatmap] canvas").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=panel-series] canvas").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=panel-status]")).ToContainTextAsync("地区生产总值增长 (gdp_growth) · 14 regions · 14 cells");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, "panel.png"), FullPage = true });

        // The CSV link gives exactly what the API gives for the panel shown.
        var href = await page.Locator("[data-testid=panel-csv]").GetAttributeAsync("href");
        using var http = new HttpClient();
        var fromPage = await http.GetByteArrayAsync($"{_url}{href}");
        var fromApi = await http.GetByteArrayAsync($"{_url}/api/compare/panel?indicator=gdp_growth&from=2019&to=2024&figure=target&format=wide");
        Assert.Equal(fromApi, fromPage);
        Assert.Equal(15, Encoding.UTF8.GetString(fromPage).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // A bad range says why instead of drawing nothing.
        await page.GotoAsync($"{_url}/#/panel?indicator=gdp_growth&from=2024&to=2019");
        await Assertions.Expect(page.Locator("[data-testid=panel-error]")).ToContainTextAsync("from a year to a later one");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_report_needing_review_is_listed_and_confirming_it_brings_it_into_an_open_comparison_live()
    {
        Assertions.SetDefaultExpectTimeout(20_000);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        using var http = new HttpClient();
        // No title and no meeting line: the region comes from the body alone and is flagged region-uncertain.
        var untitled = Path.Combine(GatewayFactory.RepositoryRoot, "tests", "corpus", "dev", "texts", "dev-qiqihaer-2014.txt");
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"{_url}/api/reports") { Content = new StringContent(await File.ReadAllTextAsync(untitled), Encoding.UTF8, "text/plain") })
        {
            request.Headers.Add("X-Api-Key", Key);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        var compare = await browser.NewPageAsync();
        var errors = Browsers.CollectErrors(compare);
        await ShowGdpGrowthAsync(compare, "2014", "");
        await Assertions.Expect(compare.Locator("[data-testid=comparison-table]")).ToHaveCountAsync(1);
        await Assertions.Expect(compare.Locator("[data-testid=comparison-table]")).Not.ToContainTextAsync("齐齐哈尔市");

        var reports = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        Browsers.CollectErrors(reports, errors);
        // Leaving the compare page before it has loaded: the page left behind must not draw over the next one.
        await reports.GotoAsync($"{_url}/#/compare");
        await reports.EvaluateAsync("() => { location.hash = '#/reports'; }");
        await Assertions.Expect(reports.Locator("h2")).ToHaveTextAsync("Reports");
        await Task.Delay(1500);
        await Assertions.Expect(reports.Locator("h2")).ToHaveTextAsync("Reports");
        var review = reports.Locator("[data-testid=needs-review]");
        await Assertions.Expect(review).ToContainTextAsync("齐齐哈尔市 230200 2014");
        await reports.FillAsync("[data-testid=api-key]", Key);
        await reports.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_screenshots, "reports-needs-review.png"), FullPage = true });
        await reports.ClickAsync("[data-testid=review-move-230200-2014]");
        await Assertions.Expect(review).Not.ToContainTextAsync("230200");

        // The open comparison takes the confirmed report without a reload.
        await compare.BringToFrontAsync();
        await Assertions.Expect(compare.Locator("[data-testid=comparison-table]")).ToContainTextAsync("齐齐哈尔市", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });

        // Another copy, guessed again, meets the confirmed report: it is held beside it, listed, and discarded.
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"{_url}/api/reports?name=copy.txt")
        { Content = new StringContent(await File.ReadAllTextAsync(untitled) + "\n（另存）", Encoding.UTF8, "text/plain") })
        {
            request.Headers.Add("X-Api-Key", Key);
            Assert.Contains("\"held\"", await (await http.SendAsync(request)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await reports.BringToFrontAsync();
        await reports.ReloadAsync();
        var held = reports.Locator("[data-testid=held]");
        await Assertions.Expect(held).ToContainTextAsync("copy.txt");
        await reports.FillAsync("[data-testid=api-key]", Key);
        await reports.ClickAsync("[data-testid=held-discard-230200-2014]");
        await Assertions.Expect(held).Not.ToContainTextAsync("copy.txt");
        Assert.Empty(errors);
    }

    /// <summary>Opens the compare page on the GDP-growth targets of a year and level ("" for all levels).</summary>
    /// <summary>A page wide enough for the dashboard's charts side by side, patient with a machine shared by other tests.</summary>
    private static async Task<IPage> WidePageAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(30_000);
        return page;
    }

    private async Task ShowGdpGrowthAsync(IPage page, string year, string level)
    {
        await page.GotoAsync($"{_url}/#/compare");
        await page.SelectOptionAsync("[data-testid=indicator]", "gdp_growth");
        await page.FillAsync("[data-testid=year]", year);
        await page.SelectOptionAsync("[data-testid=level]", level);
        await page.ClickAsync("[data-testid=show]");
    }
}
