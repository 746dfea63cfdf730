using System.Net;
using Microsoft.Playwright;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// The operator's view of a real three-silo cluster: the Cluster page lists every silo with its figures and a chart,
/// and a silo removed with local-cluster.sh during load leaves two, while no request to the others fails.
/// </summary>
[Collection(LocalCluster.Collection)]
public sealed class ClusterDashboardTests
{
    private const string Key = "cluster-dashboard-key";

    private static readonly string[] Reads =
    [
        "/api/compare/indicator?indicator=gdp_growth&year=2022&level=province",
        "/api/compare/themes?year=2022&level=province",
        "/api/compare/hierarchy?indicator=gdp_growth&year=2022",
        "/api/regions",
        "/api/reports/130000/2022",
        "/api/reports/140800/2024",
    ];

    [Fact]
    public async Task The_cluster_page_shows_three_silos_with_charts_and_two_after_one_is_removed_under_load_without_a_failed_request()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        await using var cluster = new LocalCluster(Key, samples: true);
        var urls = await cluster.Script("up", "3");
        Assert.Equal(3, urls.Length);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browsers.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var errors = Browsers.CollectErrors(page);
        await page.GotoAsync($"{urls[0]}/#/cluster");
        var rows = page.Locator("[data-testid=cluster-silos] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("[data-testid=silo-status]")).ToHaveTextAsync(["active", "active", "active"]);
        await Assertions.Expect(page.Locator("[data-testid=silo-chart] canvas")).ToHaveCountAsync(3);

        // Load on the silos that stay, reading grains that live on every silo, silo 2's included.
        using var load = new CancellationTokenSource();
        var failures = new List<string>();
        var requests = 0;
        var readers = new[] { urls[0], urls[2] }.Select(async url =>
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            for (var i = 0; !load.IsCancellationRequested; i++)
            {
                var path = Reads[i % Reads.Length];
                try
                {
                    using var response = await client.GetAsync(path);
                    Interlocked.Increment(ref requests);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        lock (failures)
                        {
                            failures.Add($"{url}{path}: {(int)response.StatusCode} {body}");
                        }
                    }
                }
                catch (HttpRequestException e)
                {
                    lock (failures)
                    {
                        failures.Add($"{url}{path}: {e.Message}");
                    }
                }
            }
        }).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Contains("silo 2 removed", await cluster.Script("remove", "2"));
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=silo-status]")).ToHaveTextAsync(["active", "active"]);
        await Assertions.Expect(page.Locator("[data-testid=cluster-departed]")).ToContainTextAsync("left");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await load.CancelAsync();
        await Task.WhenAll(readers);

        Assert.True(requests > 50, $"only {requests} requests were made during the removal");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests failed:\n{string.Join('\n', failures.Take(10))}");
        Assert.Equal([1, 3], (await cluster.Status()).Keys.Order());
        Assert.Empty(errors);
    }
}
