using ComparisonGrid.Analysis;
using ComparisonGrid.Application;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Contracts;
using ComparisonGrid.Hosting;
using ComparisonGrid.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ComparisonGrid.Grains.Tests;

/// <summary>
/// The grains on Orleans' TestingHost (three silos in this process, the grid's SQLite storage): what the home-made
/// runtime's tests proved about the product, proved again on Orleans — one activation per grain across the cluster,
/// no acknowledged write lost when the silo holding it is killed, and its grains served by the others afterwards.
/// </summary>
public sealed class TestingHostTests
{
    private static readonly ReportPipeline Pipeline = new();

    [Fact]
    public async Task Reports_acknowledged_by_a_silo_that_is_killed_are_served_by_the_others_from_one_activation_each()
    {
        var data = Directory.CreateTempSubdirectory("cgrid-testinghost-").FullName;
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddComparisonGridStorage());
        builder.ConfigureSiloHost((_, host) => host.Services.Configure<GridOptions>(o => o.DataDirectory = data));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var grains = cluster.Client;

        var ingestor = new ReportIngestor(Pipeline, grains);
        var acknowledged = new Dictionary<(string Code, int Year), int>();
        foreach (var file in Directory.EnumerateFiles(Repository.Samples))
        {
            var batch = await ingestor.IngestAsync(new SourceDocument(Path.GetFileName(file), await File.ReadAllBytesAsync(file)), ParseOptions.Default);
            Assert.Empty(batch.Failed);
            foreach (var outcome in batch.Ingested)
            {
                acknowledged[(outcome.Region.Code, outcome.Year)] = outcome.Version;
            }
        }
        Assert.Equal(14, acknowledged.Count);

        // One activation per report across the three silos, however many callers.
        await Task.WhenAll(acknowledged.Keys.SelectMany(k => Enumerable.Range(0, 3).Select(_ => grains.Report(k.Code, k.Year).GetAsync())));
        var management = grains.GetGrain<IManagementGrain>(0);
        var reports = (await management.GetDetailedGrainStatistics()).Where(a => a.GrainId.Type.ToString() == ReportGrain.GrainTypeName).ToList();
        Assert.Equal(acknowledged.Count, reports.Count);
        Assert.Equal(acknowledged.Count, reports.Select(a => a.GrainId).Distinct().Count());

        // Kill the silo holding the most reports (no deactivation, nothing written at the end): every acknowledged
        // report is served by the other two at its version, once membership has moved its grain.
        var busiest = reports.GroupBy(a => a.SiloAddress).OrderByDescending(g => g.Count()).First().Key;
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(busiest)));
        foreach (var ((code, year), version) in acknowledged)
        {
            var stored = await GridFaults.AcrossFailoverAsync(() => grains.Report(code, year).GetAsync());
            Assert.NotNull(stored);
            Assert.Equal(version, stored.Version);
        }
        Assert.Equal(14, (await grains.RegionCatalog().ListAsync(null, null)).SelectMany(e => e.Years).Count());
    }
}
