using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>Orleans' dashboard at /dashboard and the Prometheus metrics at /metrics: there, with Orleans' figures, and behind the key.</summary>
public sealed class OperatorViewTests
{
    [Fact]
    public async Task The_dashboard_and_metrics_answer_key_holders_only_and_ask_a_browser_for_the_key()
    {
        using var gateway = new GatewayFactory();
        var anonymous = await gateway.ReadyClientAsync();
        foreach (var path in new[] { "/dashboard/", "/dashboard/DashboardCounters", "/metrics" })
        {
            var refused = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("Basic", refused.Headers.WwwAuthenticate.Single().Scheme);
        }
        var wrong = gateway.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = Basic("wrong-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/dashboard/")).StatusCode);

        var browser = gateway.CreateClient();
        browser.DefaultRequestHeaders.Authorization = Basic(GatewayFactory.Key);
        var page = await browser.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_dashboard_shows_the_silo_and_the_grid_s_grain_types()
    {
        using var gateway = new GatewayFactory();
        await gateway.ReadyClientAsync();
        var client = gateway.WriterClient();
        // The dashboard samples its counters every second.
        await Eventually.Holds(async () =>
        {
            var counters = await client.GetStringAsync("/dashboard/DashboardCounters");
            using var json = System.Text.Json.JsonDocument.Parse(counters);
            var hosts = json.RootElement.GetProperty("hosts").EnumerateArray().ToList();
            var types = json.RootElement.GetProperty("simpleGrainStats").EnumerateArray().Select(g => g.GetProperty("grainType").GetString()).ToList();
            return hosts.Count == 1 && hosts[0].GetProperty("status").GetString() == "Active"
                && types.Contains("ComparisonGrid.Grains.RegionCatalogGrain") && types.Contains("ComparisonGrid.Grains.YearCatalogGrain");
        }, "the dashboard's counters list one active silo and the catalog grains", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Metrics_are_Prometheus_text_with_Orleans_and_ASP_NET_Core_meters()
    {
        using var gateway = new GatewayFactory();
        await gateway.ReadyClientAsync();
        var client = gateway.WriterClient();
        await client.GetAsync("/api/meta");
        await Eventually.Holds(async () =>
        {
            var response = await client.GetAsync("/metrics");
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && text.Contains("# TYPE orleans_", StringComparison.Ordinal)
                && text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal);
        }, "/metrics lists Orleans' meters and ASP.NET Core's request duration", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task With_operations_unprotected_the_dashboard_is_open_and_it_can_be_turned_off()
    {
        using (var open = new GatewayFactory(("ComparisonGrid:ProtectOperations", "false")))
        {
            var client = await open.ReadyClientAsync();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard/")).StatusCode);
        }
        using var off = new GatewayFactory(("ComparisonGrid:OrleansDashboard", "false"));
        var keyed = off.WriterClient();
        await off.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await keyed.GetAsync("/dashboard/DashboardCounters")).StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string key) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:" + key)));
}
