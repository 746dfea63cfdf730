using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task A_report_over_the_length_limit_is_listed_as_failed_with_its_offset()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:MaxReportCharacters", "2000"), ("ComparisonGrid:LoadSamples", "false"));
        await gateway.ReadyClientAsync();
        var text = await File.ReadAllTextAsync(ComparisonGrid.TestKit.Repository.Sample("002"));
        var response = await gateway.WriterClient().PostAsync("/api/reports?name=long.txt", new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, body.RootElement.GetProperty("ingested").GetArrayLength());
        var failure = Assert.Single(body.RootElement.GetProperty("failed").EnumerateArray());
        Assert.Equal("long.txt", failure.GetProperty("input").GetString());
        Assert.Equal("offset 0", failure.GetProperty("location").GetString());
        Assert.Contains("over the limit of 2,000", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
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

    [Fact]
    public async Task Requests_with_a_new_wrong_key_each_time_are_limited_per_address()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:FailedKeyAttemptsPerMinute", "30"), ("ComparisonGrid:LoadSamples", "false"));
        var client = await gateway.ReadyClientAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 500; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = new StringContent("短", Encoding.UTF8, "text/plain") };
            request.Headers.Add("X-Api-Key", $"guess-{i}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(470, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        // The right key from the same address is still served: only wrong keys are counted there.
        Assert.Equal(HttpStatusCode.OK, (await gateway.WriterClient().PostAsync("/api/reports", new StringContent("短", Encoding.UTF8, "text/plain"))).StatusCode);
    }

    [Fact]
    public async Task Each_key_has_its_own_write_quota()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:WritesPerMinute", "2"), ("ComparisonGrid:ApiKeys:1", "second-key"), ("ComparisonGrid:LoadSamples", "false"));
        var client = await gateway.ReadyClientAsync();
        async Task<HttpStatusCode> Write(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = new StringContent("短", Encoding.UTF8, "text/plain") };
            request.Headers.Add("X-Api-Key", key);
            return (await client.SendAsync(request)).StatusCode;
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], [await Write(GatewayFactory.Key), await Write(GatewayFactory.Key), await Write(GatewayFactory.Key)]);
        Assert.Equal(HttpStatusCode.OK, await Write("second-key"));
    }

    [Fact]
    public async Task One_client_cannot_hold_every_live_stream()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:MaxSseConnectionsPerClient", "2"), ("ComparisonGrid:MaxSseConnections", "10"), ("ComparisonGrid:LoadSamples", "false"));
        var client = await gateway.ReadyClientAsync();
        const string url = "/api/compare/themes?year=2022";
        async Task<HttpResponseMessage> Open(HttpClient c)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/event-stream");
            return await c.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        using var first = await Open(client);
        using var second = await Open(client);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        using var third = await Open(client);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("this client holds its maximum of 2 live streams", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Another client (here: a key holder) still gets one.
        using var other = await Open(gateway.WriterClient());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Ingests_beyond_the_parsing_slots_and_their_queue_get_a_429_with_retry_after()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:MaxConcurrentIngests", "1"), ("ComparisonGrid:IngestQueue", "0"), ("ComparisonGrid:LoadSamples", "false"));
        await gateway.ReadyClientAsync();
        var writer = gateway.WriterClient();
        // An ingest in flight holds the only slot (held here, since the test server hands a body over only when complete).
        var gate = gateway.Services.GetRequiredService<Security.IngestGate>();
        using (await gate.EnterAsync(1, CancellationToken.None))
        {
            var refused = await writer.PostAsync("/api/reports", new StringContent("短", Encoding.UTF8, "text/plain"));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Contains("more wait", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await writer.PostAsync("/api/reports", new StringContent("短", Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(0, gate.Pending);
    }

    [Fact]
    public async Task Ingests_wait_in_arrival_order_for_the_bytes_in_flight_to_fit()
    {
        using var gate = new Security.IngestGate(Microsoft.Extensions.Options.Options.Create(
            new GatewayOptions { MaxConcurrentIngests = 4, IngestQueue = 10, MaxIngestBytesInFlight = 100 }));
        var first = await gate.EnterAsync(60, CancellationToken.None);
        var second = gate.EnterAsync(60, CancellationToken.None);
        // 10 more bytes would fit, but the body waiting before it goes first.
        var small = gate.EnterAsync(10, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted || small.IsCompleted);
        first.Dispose();
        (await second).Dispose();
        (await small).Dispose();
        Assert.Equal(0, gate.BytesInFlight);

        // A body over the whole budget is parsed alone; one cancelled while waiting leaves the queue.
        var alone = await gate.EnterAsync(500, CancellationToken.None);
        Assert.Equal(100, gate.BytesInFlight);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(1, cancel.Token);
        var behind = gate.EnterAsync(1, CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(behind.IsCompleted);
        alone.Dispose();
        (await behind).Dispose();
        Assert.Equal((0, 0L), (gate.Pending, gate.BytesInFlight));
    }

    [Fact]
    public void One_client_has_a_bounded_number_of_ingests_and_of_declared_bytes_in_progress()
    {
        using var gate = new Security.IngestGate(Microsoft.Extensions.Options.Options.Create(
            new GatewayOptions { MaxConcurrentIngestsPerClient = 3, MaxIngestBytesArrivingPerClient = 100 }));
        using var first = gate.EnterClient("a", 60);
        Assert.Contains("MaxIngestBytesArrivingPerClient", Assert.Throws<TooManyRequestsException>(() => gate.EnterClient("a", 50)).Message, StringComparison.Ordinal);
        using (gate.EnterClient("b", 500))
        {
            // Another client has its own share; a body over the whole share goes alone.
        }
        using var second = gate.EnterClient("a", 40);
        using (gate.EnterClient("a", 0))
        {
            Assert.Contains("MaxConcurrentIngestsPerClient", Assert.Throws<TooManyRequestsException>(() => gate.EnterClient("a", 0)).Message, StringComparison.Ordinal);
        }
        first.Dispose();
        using var third = gate.EnterClient("a", 60);
    }

    [Fact]
    public void Connections_are_capped_below_what_the_open_file_limit_leaves()
    {
        static Security.ConnectionLimits Limits(int total, int perAddress) => new(
            Microsoft.Extensions.Options.Options.Create(new GatewayOptions { MaxConnections = total, MaxConnectionsPerAddress = perAddress }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Security.ConnectionLimits>.Instance);
        var files = Security.ConnectionLimits.OpenFileLimit();
        Assert.True(files > Security.ConnectionLimits.ReservedHandles, "Linux tells the process its open-file limit");
        var unbounded = Limits(int.MaxValue, int.MaxValue);
        Assert.Equal(files - Security.ConnectionLimits.ReservedHandles, unbounded.Total);
        Assert.Equal(unbounded.Total, unbounded.PerAddress);
        Assert.Equal((100, 10), (Limits(100, 10).Total, Limits(100, 10).PerAddress));
    }

    // Distinct comparisons over the samples: panels across years, one per indicator.
    private static readonly string[] DistinctPanels = new[] { "gdp_growth", "cpi", "industrial_value_added_growth", "fiscal_revenue_growth", "fixed_asset_investment_growth", "retail_sales_growth", "urban_disposable_income_growth", "rural_disposable_income_growth" }
        .Select(i => $"/api/compare/panel?indicator={i}&from=2018&to=2025").ToArray();

    [Fact]
    public async Task Reads_without_a_key_are_limited_by_what_their_answers_weigh()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:AnonymousReadBytesPerMinute", "20000"));
        var anonymous = await gateway.ReadyClientAsync();
        var statuses = new List<HttpResponseMessage>();
        foreach (var url in DistinctPanels.Concat(DistinctPanels.Select(p => p + "&format=zip")))
        {
            statuses.Add(await anonymous.GetAsync(url));
        }
        Assert.Equal(HttpStatusCode.OK, statuses[0].StatusCode);
        var refused = statuses.First(s => s.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("AnonymousReadBytesPerMinute", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Small answers fit a budget that large ones have spent: the first read was served, a key holder still is.
        Assert.Equal(HttpStatusCode.OK, (await gateway.WriterClient().GetAsync(DistinctPanels[^1] + "&format=zip")).StatusCode);
    }

    [Fact]
    public async Task Comparisons_kept_in_memory_stay_within_their_byte_budget_and_exports_are_built_once_per_version()
    {
        const long budget = 60_000;
        using var gateway = new GatewayFactory(("ComparisonGrid:MaxCachedComparisonBytes", budget.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await gateway.ReadyClientAsync();
        var writer = gateway.WriterClient();
        var replicas = gateway.Services.GetRequiredService<Live.ComparisonReplicas>();
        Assert.Equal(budget, replicas.ByteBudget);
        // Built once for the version: the second read gets the same bytes (its manifest's time included).
        var first = await writer.GetByteArrayAsync(DistinctPanels[0] + "&format=zip");
        Assert.Equal(first, await writer.GetByteArrayAsync(DistinctPanels[0] + "&format=zip"));
        foreach (var url in DistinctPanels)
        {
            Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync(url + "&format=zip")).StatusCode);
            Assert.InRange(replicas.Bytes, 0, budget);
        }
        Assert.InRange(replicas.Figures.Replicas, 1, DistinctPanels.Length - 1);
    }

    [Fact]
    public async Task An_export_that_waits_too_long_for_its_turn_is_a_503_with_retry_after()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:MaxConcurrentExports", "1"), ("ComparisonGrid:ExportWait", "00:00:00.200"));
        var client = await gateway.ReadyClientAsync();
        var replicas = gateway.Services.GetRequiredService<Live.ComparisonReplicas>();
        var (result, _) = await replicas.GetAsync(Application.Requests.ComparisonRequest.Spec("panel", "cpi", null, null, null, null, "2018", "2025"));
        var building = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var held = replicas.ExportAsync(result, "held", async _ =>
        {
            building.SetResult();
            await release.Task;
            return [];
        }, CancellationToken.None);
        await building.Task;
        var busy = await client.GetAsync(DistinctPanels[0] + "&format=zip");
        release.SetResult();
        await held;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.True(busy.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("MaxConcurrentExports", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(DistinctPanels[0] + "&format=zip")).StatusCode);
    }

    [Fact]
    public async Task Every_answer_forbids_sniffing_and_carries_a_content_security_policy()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:LoadSamples", "false"));
        var client = await gateway.ReadyClientAsync();
        foreach (var path in new[] { "/", "/api/regions", "/api/nope" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_cluster_view_shows_hosts_and_addresses_to_key_holders_only()
    {
        using var gateway = new GatewayFactory(("ComparisonGrid:LoadSamples", "false"));
        var client = await gateway.ReadyClientAsync();
        var open = JsonDocument.Parse(await client.GetStringAsync("/api/cluster")).RootElement.GetProperty("silos")[0];
        Assert.Equal("silo 1", open.GetProperty("name").GetString());
        Assert.Equal(0, open.GetProperty("addresses").GetArrayLength());
        var keyed = JsonDocument.Parse(await gateway.WriterClient().GetStringAsync("/api/cluster")).RootElement.GetProperty("silos")[0];
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), keyed.GetProperty("name").GetString(), StringComparison.Ordinal);
    }
}
