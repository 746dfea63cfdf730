using System.Diagnostics;
using System.Text.Json;
using ComparisonGrid.Analysis;
using ComparisonGrid.Application.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace ComparisonGrid.Gateway.Tests;

/// <summary>
/// A gateway answers comparison reads from its replica: after the first read it asks the grain about once per
/// lease, not once per read, and a report that lands without passing through its write endpoints still reaches
/// the replica, pushed by the grain.
/// </summary>
public sealed class ReplicaTests : IDisposable
{
    private const string Query = "/api/compare/indicator?indicator=gdp_growth&year=2022&level=province";
    private readonly GatewayFactory _gateway = new();

    public void Dispose() => _gateway.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<(double Reads, double Asked)> Counters(HttpClient client)
    {
        var gauges = (await Json(await client.GetAsync("/api/cluster"))).GetProperty("silos")[0].GetProperty("runtime").GetProperty("gauges");
        return (gauges.GetProperty("comparisonReads").GetDouble(), gauges.GetProperty("comparisonReadsAskingTheGrain").GetDouble());
    }

    [Fact]
    public async Task Reads_are_served_from_the_replica_and_a_report_ingested_elsewhere_arrives_by_push()
    {
        var client = await _gateway.ReadyClientAsync();
        var first = (await Json(await client.GetAsync(Query))).GetProperty("version").GetInt64();
        var (reads0, asked0) = await Counters(client);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(first, (await Json(await client.GetAsync(Query))).GetProperty("version").GetInt64());
        }
        var (reads1, asked1) = await Counters(client);
        Assert.Equal(200, reads1 - reads0);
        var leases = Math.Ceiling(clock.Elapsed / Live.ComparisonReplicas.Lease) + 1;
        Assert.True(asked1 - asked0 <= leases, $"{asked1 - asked0} of 200 reads asked the grain (expected at most one per lease, {leases})");

        // Straight through the ingestor, as another gateway of the cluster would: this gateway's write filter never sees it.
        var text = await File.ReadAllBytesAsync(Path.Combine(GatewayFactory.RepositoryRoot, "tests", "corpus", "dev", "texts", "dev-guangdong-2022.txt"));
        var batch = await _gateway.Services.GetRequiredService<ReportIngestor>().IngestAsync(new SourceDocument("dev-guangdong-2022.txt", text), ParseOptions.Default);
        Assert.Single(batch.Ingested);
        var until = DateTime.UtcNow.AddSeconds(20);
        JsonElement latest;
        while ((latest = await Json(await client.GetAsync(Query))).GetProperty("version").GetInt64() == first)
        {
            Assert.True(DateTime.UtcNow < until, "the new version never reached the replica");
            await Task.Delay(20);
        }
        Assert.Contains(latest.GetProperty("rows").EnumerateArray(), r => r.GetProperty("region").GetProperty("name").GetString() == "广东省");
    }
}

/// <summary>The replica's own rules, against a grain stand-in: subscribe before reading, never go back a version, expire on demand.</summary>
public sealed class ComparisonReplicaTests
{
    private static readonly Contracts.ComparisonSpec Spec = Contracts.ComparisonSpec.FromKey("indicator/gdp_growth/2022/province/-/target");

    private static Contracts.ComparisonResult Version(long v) => new(Spec, v, DateTimeOffset.UnixEpoch);

    private sealed class Grain : Contracts.IComparisonGrain
    {
        public List<string> Calls { get; } = [];

        public long Version { get; set; } = 1;

        public Task<Contracts.ComparisonResult> GetAsync()
        {
            Calls.Add("get");
            return Task.FromResult(ComparisonReplicaTests.Version(Version));
        }

        public Task SubscribeAsync(Contracts.IComparisonObserver observer)
        {
            Calls.Add("subscribe");
            return Task.CompletedTask;
        }

        public Task UnsubscribeAsync(Contracts.IComparisonObserver observer) => Task.CompletedTask;

        public Task MembersChangedAsync(int year) => Task.CompletedTask;

        public Task RefreshAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task A_replica_subscribes_before_reading_takes_pushed_versions_ignores_older_ones_and_expires()
    {
        var grain = new Grain();
        var replica = new Live.ComparisonReplica(grain);
        var lease = TimeSpan.FromMinutes(5);
        Assert.Null(replica.Fresh(lease));
        Assert.Equal(1, (await replica.RefreshAsync()).Version);
        Assert.Equal(["subscribe", "get"], grain.Calls);
        Assert.Equal(1, replica.Fresh(lease)!.Version);

        await replica.OnComparisonUpdatedAsync(Version(3));
        Assert.Equal(3, replica.Fresh(lease)!.Version);
        await replica.OnComparisonUpdatedAsync(Version(2));
        Assert.Equal(3, replica.Fresh(lease)!.Version);
        Assert.Equal(2, grain.Calls.Count);

        replica.Expire();
        Assert.Null(replica.Fresh(lease));
        grain.Version = 2;
        // The grain answering an older version than one already pushed does not take the replica back.
        Assert.Equal(3, (await replica.RefreshAsync()).Version);
        Assert.Null(replica.Fresh(TimeSpan.Zero));
    }
}
