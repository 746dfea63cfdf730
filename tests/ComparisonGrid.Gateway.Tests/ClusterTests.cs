using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ComparisonGrid.Benchmarks;
using ComparisonGrid.Hosting.Cluster;
using ComparisonGrid.TestKit;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// A real cluster of gateway processes on Orleans, started by deploy/local-cluster.sh on a private PostgreSQL: any
/// node answers, live updates cross nodes, a silo killed (SIGKILL) during a bulk ingest loses nothing that was
/// acknowledged, and a process without the cluster's certificates cannot join.
/// </summary>
[Collection(LocalCluster.Collection)]
public sealed class ClusterTests
{
    private const string Key = "cluster-test-key";

    private static HttpClient Node(string url) =>
        new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60), DefaultRequestHeaders = { { "X-Api-Key", Key } } };

    private static MultipartFormDataContent Upload(IEnumerable<(string Name, byte[] Content)> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "files", name.Replace('/', '_'));
        }
        return form;
    }

    [Fact]
    public async Task Three_silos_lose_no_acknowledged_report_when_one_is_killed_during_a_3000_report_ingest_through_the_other_two()
    {
        await using var cluster = new LocalCluster(Key, samples: false);
        var urls = await cluster.Script("up", "3");
        var status = await cluster.Status();
        Assert.Equal([1, 2, 3], status.Keys.Order());
        Assert.All(status.Values, s => Assert.Equal("active", s.State));
        var nodes = urls.Select(Node).ToList();

        // A subscriber on node 1 hears of an ingest on node 3.
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/compare/indicator?indicator=gdp_growth&year=2022&level=province");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using (var stream = await nodes[0].SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        using (var events = new EventReader(await stream.Content.ReadAsStreamAsync()))
        {
            var (initial, _) = await events.NextAsync();
            var shandong = GatewayFactory.Fixture("shandong-2022.txt");
            using (var ingest = await nodes[2].PostAsync("/api/reports", Upload([(Path.GetFileName(shandong), await File.ReadAllBytesAsync(shandong))])))
            {
                Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
            }
            var (after, update) = await events.NextAsync();
            Assert.True(after > initial);
            Assert.Contains(update.GetProperty("rows").EnumerateArray(), r => r.GetProperty("region").GetProperty("code").GetString() == "370000");
        }

        // 3,000 reports (1,500 regions, two years) in batches through nodes 1 and 2; silo 3 is killed once a third
        // is acknowledged. A batch whose grains were on silo 3 waits until they live elsewhere: slower, never an error.
        var body = Directory.GetFiles(Repository.Samples, "002_*").Single();
        var batches = SyntheticReports.Panel(body, regions: 1500, firstYear: 2022, years: 2, characters: 1200).Chunk(25).ToList();
        var acknowledged = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var unexpected = new ConcurrentBag<string>();
        var killed = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            for (var b = Interlocked.Increment(ref next); b < batches.Count; b = Interlocked.Increment(ref next))
            {
                using var response = await nodes[b % 2].PostAsync("/api/reports", Upload(batches[b]));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    unexpected.Add($"batch {b}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    continue;
                }
                using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Empty(result.RootElement.GetProperty("failed").EnumerateArray());
                foreach (var o in result.RootElement.GetProperty("ingested").EnumerateArray())
                {
                    acknowledged[o.GetProperty("key").GetString()!] = o.GetProperty("version").GetInt32();
                }
                if (acknowledged.Count >= 1000 && Interlocked.Exchange(ref killed, 1) == 0)
                {
                    Process.GetProcessById(status[3].Pid).Kill();
                }
            }
        }));
        Assert.Empty(unexpected);
        Assert.Equal(1, killed);
        Assert.Equal(3000, acknowledged.Count);
        Assert.Equal("stopped", (await cluster.Status())[3].State);

        // Every acknowledged report is there at its version, through either node; every comparison holds it.
        foreach (var (key, version) in acknowledged)
        {
            using var stored = JsonDocument.Parse(await nodes[key.Length % 2].GetStringAsync($"/api/reports/{key}"));
            Assert.True(stored.RootElement.GetProperty("version").GetInt32() >= version, $"{key} is at version {version} or later");
        }
        foreach (var year in new[] { 2022, 2023 })
        {
            var inComparisons = new HashSet<string>(StringComparer.Ordinal);
            foreach (var level in new[] { "prefecture", "county" })
            {
                using var comparison = JsonDocument.Parse(await nodes[0].GetStringAsync($"/api/compare/indicator?indicator=gdp_growth&year={year}&level={level}"));
                inComparisons.UnionWith(comparison.RootElement.GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("region").GetProperty("code").GetString()}/{year}"));
            }
            Assert.Superset(inComparisons, acknowledged.Keys.Where(k => k.EndsWith($"/{year}", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal));
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_process_without_the_cluster_s_certificates_can_neither_join_nor_call_a_grain_while_cgrid_and_a_new_silo_with_them_can()
    {
        await using var cluster = new LocalCluster(Key, samples: false);
        var urls = await cluster.Script("up", "1");
        var env = File.ReadAllLines(Path.Combine(cluster.Directory, "cluster.env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('\''));
        var data = Directory.CreateTempSubdirectory("cgrid-stranger-").FullName;
        string[] join = ["--postgres", env["CONN"], "--silo", $"127.0.0.1:{Ports.Free()}", "--ComparisonGrid:Membership:MaxJoinAttemptTime=00:00:05"];

        // The cluster's PostgreSQL takes no one without its generated password, which only the cluster's owner reads.
        var anonymous = new Npgsql.NpgsqlConnectionStringBuilder(env["CONN"]) { Password = null, Pooling = false }.ConnectionString;
        await using (var stranger = new Npgsql.NpgsqlConnection(anonymous))
        {
            await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => stranger.OpenAsync());
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(cluster.Directory, "cluster.env")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(cluster.Directory, "pg", "pgpass")));

        // No certificate at all: refused before anything starts, in one line.
        var (code, _, error) = await GatewayProcess.RunToExitAsync(data, Key, join);
        Assert.Equal(78, code);
        Assert.Contains("needs --silo-certificate, --silo-key and --cluster-authority", error, StringComparison.Ordinal);

        // A certificate from another authority: the members refuse its handshakes, it never becomes active.
        var foreign = Directory.CreateTempSubdirectory("cgrid-foreign-").FullName;
        var authority = ClusterCertificates.CreateAuthority(foreign, "another authority");
        var (certificate, key) = ClusterCertificates.IssueSilo(foreign, "stranger", authority);
        (code, _, _) = await GatewayProcess.RunToExitAsync(data, Key,
            [.. join, "--silo-certificate", certificate, "--silo-key", key, "--cluster-authority", authority.Certificate]);
        Assert.NotEqual(0, code);

        // cgrid as a client of the cluster: with the certificate "up" issued it ingests and reads; with the
        // foreign one it cannot call a grain.
        var certs = Path.Combine(cluster.Directory, "certs");
        string[] client = ["--cluster", env["CONN"], "--silo-key", Path.Combine(certs, "cgrid.key"), "--cluster-authority", Path.Combine(certs, "authority.crt")];
        var cgrid = await CgridProcess.RunAsync(["ingest", Repository.Sample("003"), .. client, "--silo-certificate", Path.Combine(certs, "cgrid.crt")]);
        Assert.True(cgrid.Code == 0, cgrid.Error);
        Assert.Contains("1 new", cgrid.Out, StringComparison.Ordinal);
        using (var regions = JsonDocument.Parse(await Node(urls[0]).GetStringAsync("/api/regions")))
        {
            Assert.Single(regions.RootElement.EnumerateArray());
        }
        cgrid = await CgridProcess.RunAsync(["regions", "--format", "json", .. client, "--silo-certificate", Path.Combine(certs, "cgrid.crt")]);
        Assert.True(cgrid.Code == 0, cgrid.Error);
        // The dataset export reads through the cluster's grains as well.
        var export = Path.Combine(cluster.Directory, "dataset");
        cgrid = await CgridProcess.RunAsync(["export", export, .. client, "--silo-certificate", Path.Combine(certs, "cgrid.crt")]);
        Assert.True(cgrid.Code == 0, cgrid.Error);
        Assert.Contains("\"rows\": 1", await File.ReadAllTextAsync(Path.Combine(export, "manifest.json")), StringComparison.Ordinal);
        cgrid = await CgridProcess.RunAsync(["regions", "--cluster", env["CONN"], "--silo-certificate", certificate, "--silo-key", key, "--cluster-authority", authority.Certificate]);
        Assert.Equal(69, cgrid.Code);
        Assert.StartsWith("cgrid: cannot reach the cluster", cgrid.Error, StringComparison.Ordinal);

        var status = await cluster.Status();
        Assert.Equal("active", Assert.Single(status.Values).State);
        using (var view = JsonDocument.Parse(await Node(urls[0]).GetStringAsync("/api/cluster")))
        {
            Assert.Single(view.RootElement.GetProperty("silos").EnumerateArray(), s => s.GetProperty("status").GetString() == "active");
        }

        // A member with the authority's certificate joins (add) and leaves gracefully (remove); what it held stays.
        var added = (await cluster.Script("add")).Last();
        Assert.Equal(["active", "active"], (await cluster.Status()).Values.Select(s => s.State));
        using (var report = await Node(added).GetAsync("/api/reports/140600/2024"))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        }
        await cluster.Script("remove", "2");
        Assert.Equal([1], (await cluster.Status()).Keys);
        await Eventually.Holds(async () =>
        {
            using var view = JsonDocument.Parse(await Node(urls[0]).GetStringAsync("/api/cluster"));
            return view.RootElement.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active") == 1;
        }, "the removed silo is no longer active in the cluster's view", TimeSpan.FromSeconds(20));
        using (var report = await Node(urls[0]).GetAsync("/api/reports/140600/2024"))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        }
    }
}
