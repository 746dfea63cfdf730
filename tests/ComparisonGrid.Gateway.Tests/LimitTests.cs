using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ComparisonGrid.Gateway.Tests;

public sealed class LimitTests
{
    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:MaxRequestBytes", "1000"), ("ComparisonGrid:LoadSamples", "false"));
        await gateway.ReadyClientAsync();
        var response = await gateway.WriterClient().PostAsync("/api/reports", new StringContent(new string('报', 2000), Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("over the limit", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_beyond_the_rate_limit_are_a_429()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:WritesPerMinute", "2"), ("ComparisonGrid:LoadSamples", "false"));
        await gateway.ReadyClientAsync();
        var writer = gateway.WriterClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await writer.PostAsync("/api/reports", new StringContent("短", Encoding.UTF8, "text/plain"))).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Reads_can_be_made_to_need_a_key()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:RequireKeyForReads", "true"), ("ComparisonGrid:LoadSamples", "false"));
        var client = await gateway.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/regions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.WriterClient().GetAsync("/api/regions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_key_one_is_generated_kept_and_required()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:ApiKeys:0", ""), ("ComparisonGrid:LoadSamples", "false"));
        var client = await gateway.ReadyClientAsync();
        var key = (await File.ReadAllTextAsync(Path.Combine(gateway.DataDirectory, "api-key"))).Trim();
        Assert.True(key.Length >= 32);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/reports", new StringContent("x", Encoding.UTF8, "text/plain"))).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = new StringContent("x", Encoding.UTF8, "text/plain") };
        request.Headers.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }
}
