using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using Microsoft.Extensions.DependencyInjection;

namespace ComparisonGrid.Gateway.Tests;

public sealed class LiveTests
{
    private const string Gdp2022Provinces = "/api/compare/indicator?indicator=gdp_growth&year=2022&level=province";

    private static async Task<(HttpResponseMessage Response, EventReader Events)> Subscribe(HttpClient client, string url, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is long id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return (response, new EventReader(await response.Content.ReadAsStreamAsync()));
    }

    private static StringContent Report(string province) =>
        new(File.ReadAllText(GatewayFactory.Fixture("shandong-2022.txt")).Replace("山东省", province, StringComparison.Ordinal), Encoding.UTF8, "text/plain");

    [Fact]
    public async Task A_subscriber_gets_the_current_result_then_each_new_version_and_resumes_without_a_gap()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:SseHeartbeat", "00:00:00.200"));
        var client = await gateway.ReadyClientAsync();
        var writer = gateway.WriterClient();

        var (first, events) = await Subscribe(client, Gdp2022Provinces);
        var (v1, current) = await events.NextAsync();
        Assert.Equal(current.GetProperty("version").GetInt64(), v1);
        Assert.Equal(3, current.GetProperty("rows").GetArrayLength());

        // Quiet for a while: heartbeats keep the stream open (the test gateway sends one every 200 ms).
        await events.HeartbeatsAsync(2);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/api/reports", Report("山东省"))).StatusCode);
        var (v2, updated) = await events.NextAsync();
        Assert.True(events.Heartbeats >= 2, $"{events.Heartbeats} heartbeats before the update");
        Assert.Equal(v1 + 1, v2);
        Assert.Contains(updated.GetProperty("rows").EnumerateArray(), r => r.GetProperty("region").GetProperty("name").GetString() == "山东省");
        events.Dispose();
        first.Dispose();

        // Reconnecting with the last id seen: nothing is repeated, and what changed meanwhile arrives.
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/api/reports", Report("河南省"))).StatusCode);
        var (second, resumed) = await Subscribe(client, Gdp2022Provinces, v2);
        var (v3, missed) = await resumed.NextAsync();
        Assert.Equal(v2 + 1, v3);
        Assert.Equal(5, missed.GetProperty("rows").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/api/reports", Report("江苏省"))).StatusCode);
        var (v4, _) = await resumed.NextAsync();
        Assert.Equal(v3 + 1, v4);
        resumed.Dispose();
        second.Dispose();

        // Reconnecting with the current version: it is not sent again; the next change is the first event.
        var (third, caughtUp) = await Subscribe(client, Gdp2022Provinces, v4);
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/api/reports", Report("浙江省"))).StatusCode);
        var (v5, latest) = await caughtUp.NextAsync();
        Assert.Equal(v4 + 1, v5);
        Assert.Equal(7, latest.GetProperty("rows").GetArrayLength());
        caughtUp.Dispose();
        third.Dispose();
    }

    [Fact]
    public async Task Streams_beyond_the_cap_are_refused_with_a_429()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:MaxSseConnections", "1"), ("ComparisonGrid:LoadSamples", "false"));
        var client = await gateway.ReadyClientAsync();
        var (open, events) = await Subscribe(client, Gdp2022Provinces);
        await events.NextAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, Gdp2022Provinces);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var refused = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("maximum of 1 live streams", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        events.Dispose();
        open.Dispose();
    }

    [Fact]
    public async Task A_job_left_unfinished_by_a_stopped_gateway_is_taken_up_by_the_next_start()
    {
        var directory = Directory.CreateTempSubdirectory("cgrid-restart-").FullName;
        using (var first = new GatewayFactory(directory, ("ComparisonGrid:LoadSamples", "false")))
        {
            await first.ReadyClientAsync();
            // Recorded but never run: what a crash between accepting a job and running it leaves behind.
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IJobGrain>("left-behind").CreateAsync(new JobRequest(["themes/-/2022/-/-/target"], null));
        }
        using var second = new GatewayFactory(directory, ("ComparisonGrid:LoadSamples", "false"));
        var client = await second.ReadyClientAsync();
        JsonElement job = default;
        for (var i = 0; i < 100; i++)
        {
            job = JsonDocument.Parse(await client.GetStringAsync("/api/jobs/left-behind")).RootElement;
            if (job.GetProperty("status").GetString() == "done")
            {
                break;
            }
            await Task.Delay(50);
        }
        Assert.Equal("done", job.GetProperty("status").GetString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
