using System.Net;
using System.Text;
using System.Text.Json;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>GET /api/regions/{code}/changes on two real reports of one province.</summary>
public sealed class RegionChangeTests
{
    [Fact]
    public async Task The_changes_of_a_region_list_a_lowered_target_with_both_quotes_and_a_missing_year_is_a_404()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:LoadSamples", "false"));
        var client = await gateway.ReadyClientAsync();
        var writer = gateway.WriterClient();
        foreach (var year in new[] { 2022, 2023 })
        {
            var text = await File.ReadAllTextAsync(Repository.PathOf("tests", "corpus", "dev", "texts", $"dev-guangdong-{year}.txt"));
            Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/api/reports", new StringContent(text, Encoding.UTF8, "text/plain"))).StatusCode);
        }

        var changes = JsonDocument.Parse(await client.GetStringAsync("/api/regions/广东省/changes?from=2022&to=2023")).RootElement;
        Assert.Equal((2022, 2023), (changes.GetProperty("from").GetInt32(), changes.GetProperty("to").GetInt32()));
        var retail = changes.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("indicator").GetString() == "retail_sales_growth");
        Assert.Equal("lowered", retail.GetProperty("change").GetString());
        Assert.Equal("社会消费品零售总额增长6.5%", retail.GetProperty("before").GetProperty("quote").GetString());
        Assert.Equal("社会消费品零售总额增长6%", retail.GetProperty("after").GetProperty("quote").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/regions/440000/changes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/regions/440000/changes?from=2019")).StatusCode);
    }
}
