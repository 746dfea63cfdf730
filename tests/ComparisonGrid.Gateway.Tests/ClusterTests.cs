using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// A real three-silo cluster of gateway processes started by deploy/local-cluster.sh: any node answers, live
/// updates cross nodes, a silo killed during a bulk ingest loses nothing, and a database restart is survived.
/// </summary>
[Collection(LocalCluster.Collection)]
public sealed class ClusterTests : IAsyncDisposable
{
    private const string Key = "cluster-test-key";
    private static readonly string[] Comparisons =
    [
        "indicator?indicator=gdp_growth&year=2022&level=province",
        "themes?year=2022&level=province",
        "hierarchy?indicator=gdp_growth&year=2022",
        "indicator?indicator=gdp&year=2021&kind=achieved",
    ];

    private readonly LocalCluster _cluster = new(Key, samples: false);

    private static IEnumerable<string> InputFiles() =>
        Directory.GetFiles(Path.Combine(GatewayFactory.RepositoryRoot, "samples")).Order(StringComparer.Ordinal).Append(GatewayFactory.Fixture("shandong-2022.txt"));

    private static MultipartFormDataContent Upload(string file) =>
        new() { { new ByteArrayContent(File.ReadAllBytes(file)), "files", Path.GetFileName(file) } };

    /// <summary>What a client of the cluster does: on 503 or a dead node, wait a moment and try the next node.</summary>
    private static async Task<JsonElement> WithRetries(List<HttpClient> nodes, int first, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        for (var attempt = first; ; attempt++)
        {
            try
            {
                using var response = await send(nodes[attempt % nodes.Count]);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                }
            }
            catch (HttpRequestException)
            {
                // The node is gone: the next one.
            }
            Assert.True(DateTime.UtcNow < until, "the cluster did not recover within 60 s");
            await Task.Delay(300);
        }
    }

    private static string Rows(JsonElement result) =>
        JsonSerializer.Serialize(result.EnumerateObject().Where(p => p.Name is not ("version" or "computedAt")).ToDictionary(p => p.Name, p => p.Value));

    [Fact]
    public async Task A_three_silo_cluster_loses_nothing_when_a_silo_is_killed_and_survives_a_database_restart()
    {
        var urls = await _cluster.Script("up", "3");
        try
        {
            Assert.Equal(3, urls.Length);
            var status = await _cluster.Status();
            Assert.Equal([1, 2, 3], status.Keys.Order());
            Assert.All(status.Values, s => Assert.Equal("active", s.State));
            Assert.Equal(urls, status.Values.Select(s => s.Url));
            var nodes = urls.Select(u => new HttpClient { BaseAddress = new Uri(u), Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { { "X-Api-Key", Key } } }).ToList();

            // A subscriber on node 1 hears of an ingest on node 3.
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/compare/{Comparisons[0]}");
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var stream = await nodes[0].SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var events = new EventReader(await stream.Content.ReadAsStreamAsync());
            var (initial, _) = await events.NextAsync();
            using (var ingest = await nodes[2].PostAsync("/api/reports", Upload(GatewayFactory.Fixture("shandong-2022.txt"))))
            {
                Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
            }
            var (next, update) = await events.NextAsync();
            Assert.True(next > initial);
            Assert.Contains(update.GetProperty("rows").EnumerateArray(), r => r.GetProperty("region").GetProperty("code").GetString() == "370000");

            // Bulk ingest over every node; silo 2 is killed (SIGKILL) after the second file is acknowledged.
            var acknowledged = new List<(string Key, int Version)>();
            var files = InputFiles().ToList();
            for (var i = 0; i < files.Count; i++)
            {
                var result = await WithRetries(nodes, i, n => n.PostAsync("/api/reports", Upload(files[i])));
                Assert.Empty(result.GetProperty("failed").EnumerateArray());
                acknowledged.AddRange(result.GetProperty("ingested").EnumerateArray().Select(o => (o.GetProperty("key").GetString()!, o.GetProperty("version").GetInt32())));
                if (i == 1)
                {
                    Process.GetProcessById(status[2].Pid).Kill();
                }
            }
            Assert.True(acknowledged.Count > files.Count);
            Assert.Equal("stopped", (await _cluster.Status())[2].State);

            // Every acknowledged report is there, at its version, whichever node is asked.
            foreach (var (key, version) in acknowledged)
            {
                var stored = await WithRetries(nodes, 0, n => n.GetAsync($"/api/reports/{key}"));
                Assert.True(stored.GetProperty("version").GetInt32() >= version, $"{key} is at version {version} or later");
            }

            // The comparisons equal those of one node that ingested the same files.
            await using var single = new GatewayFactory(("ComparisonGrid:LoadSamples", "false"), ("ComparisonGrid:Storage", "memory"));
            var alone = await single.ReadyClientAsync();
            alone.DefaultRequestHeaders.Add("X-Api-Key", GatewayFactory.Key);
            foreach (var file in files)
            {
                Assert.Equal(HttpStatusCode.OK, (await alone.PostAsync("/api/reports", Upload(file))).StatusCode);
            }
            foreach (var query in Comparisons)
            {
                var expected = Rows(JsonDocument.Parse(await alone.GetStringAsync($"/api/compare/{query}")).RootElement);
                // A catalog re-activated after the kill tells its comparisons once it has read the stored facts:
                // wait for that version rather than comparing at once; what never arrives fails after the wait.
                foreach (var node in (int[])[0, 2])
                {
                    var got = "";
                    for (var attempt = 0; attempt < 100 && got != expected; attempt++)
                    {
                        got = Rows(await WithRetries(nodes, node, n => n.GetAsync($"/api/compare/{query}")));
                        if (got != expected)
                        {
                            await Task.Delay(100);
                        }
                    }
                    Assert.Equal(expected, got);
                }
            }

            // PostgreSQL stops for longer than the death timeout: requests that need it fail fast with 503, and
            // afterwards both silos carry on (neither declares the other dead for the outage).
            var env = File.ReadAllLines(Path.Combine(_cluster.Directory, "cluster.env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            await Postgres(env, "-m", "fast", "-w", "stop");
            var clock = Stopwatch.StartNew();
            using (var during = await nodes[0].GetAsync("/api/reports/110000/2019"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
                Assert.Contains("unavailable", await during.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the 503 took {clock.Elapsed}");
            await Task.Delay(TimeSpan.FromSeconds(6));
            await Postgres(env, "-w", "-o", $"-c listen_addresses=127.0.0.1 -c port={env["PG_PORT"]} -c unix_socket_directories='{_cluster.Directory}/pg' -c max_connections=300", "-l", $"{_cluster.Directory}/pg/server.log", "start");
            foreach (var query in Comparisons)
            {
                await WithRetries(nodes, 0, n => n.GetAsync($"/api/compare/{query}"));
            }
            await Task.Delay(TimeSpan.FromSeconds(7));
            var after = await _cluster.Status();
            Assert.Equal("active", after[1].State);
            Assert.Equal("active", after[3].State);
            Assert.Equal(HttpStatusCode.OK, (await nodes[2].GetAsync("/api/reports/370000/2022")).StatusCode);
        }
        finally
        {
            // xunit 2 does not dispose IAsyncDisposable test classes: the cluster is taken down here.
            await _cluster.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    private async Task Postgres(Dictionary<string, string> env, params string[] args)
    {
        var pgCtl = Path.Combine(env["PG_BIN"], "pg_ctl");
        var start = Environment.UserName == "root" ? new ProcessStartInfo("runuser") : new ProcessStartInfo(pgCtl);
        if (Environment.UserName == "root")
        {
            foreach (var a in new[] { "-u", "postgres", "--", pgCtl })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var a in new[] { "-D", Path.Combine(_cluster.Directory, "pg") }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_ctl {string.Join(' ', args)}: {await process.StandardError.ReadToEndAsync()}");
    }
}
