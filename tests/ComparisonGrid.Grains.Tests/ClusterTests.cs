using ComparisonGrid.Analysis;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Contracts;
using ComparisonGrid.Model;
using ComparisonGrid.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ComparisonGrid.Grains.Tests;

/// <summary>
/// Silos of one cluster on PostgreSQL (Orleans' AdoNet membership, our schema) in this process, with mutual TLS:
/// they find each other, keep one activation per grain, hand grains over when one leaves, and keep out a process
/// whose certificate the cluster's authority did not issue.
/// </summary>
public sealed class ClusterTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly ReportPipeline Pipeline = new();

    [Fact]
    public async Task Two_silos_form_one_cluster_keep_one_activation_per_report_and_the_second_serves_everything_when_the_first_leaves()
    {
        var postgres = await server.CreateDatabaseAsync();
        var authority = ClusterSilo.CertificateFolder();
        using var first = await ClusterSilo.StartAsync(postgres, ClusterSilo.Certificates(authority, "silo1"));
        using var second = await ClusterSilo.StartAsync(postgres, ClusterSilo.Certificates(authority, "silo2"));
        var viaFirst = first.Services.GetRequiredService<IGrainFactory>();
        var viaSecond = second.Services.GetRequiredService<IGrainFactory>();
        await Eventually.Holds(async () => (await viaSecond.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2,
            "both silos active in the membership table", TimeSpan.FromSeconds(30));

        var ingestor = new ReportIngestor(Pipeline, viaFirst);
        foreach (var file in Directory.EnumerateFiles(Repository.Samples))
        {
            var batch = await ingestor.IngestAsync(new SourceDocument(Path.GetFileName(file), await File.ReadAllBytesAsync(file)), ParseOptions.Default);
            Assert.Empty(batch.Failed);
        }

        // Every report reached through the other silo, concurrently from both: one activation each, cluster-wide.
        var keys = (await viaSecond.RegionCatalog().ListAsync(null, null)).SelectMany(e => e.Years.Select(y => (e.Region.Code, Year: y))).ToList();
        Assert.Equal(14, keys.Count);
        await Task.WhenAll(keys.SelectMany(k => new[] { viaFirst, viaSecond }.Select(g => g.Report(k.Code, k.Year).GetAsync())));
        var activations = (await viaSecond.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Where(a => a.GrainId.Type.ToString() == ReportGrain.GrainTypeName).ToList();
        Assert.Equal(keys.Count, activations.Count);
        Assert.Equal(keys.Count, activations.Select(a => a.GrainId).Distinct().Count());

        // The first leaves gracefully; what it held is served by the second from PostgreSQL.
        await first.StopAsync();
        foreach (var (code, year) in keys)
        {
            var stored = await viaSecond.Report(code, year).GetAsync(withText: true);
            Assert.NotNull(stored);
            Assert.NotEmpty(stored.SourceText!);
        }
        var comparison = await viaSecond.Comparison(new ComparisonSpec(ComparisonKind.Indicator, 2022, RegionLevel.Province, null, "gdp_growth")).GetAsync();
        Assert.Equal(["130000", "210000", "630000"], comparison.Rows!.Select(r => r.Region.Code).Order());
    }

    [Fact]
    public async Task A_silo_whose_certificate_another_authority_issued_cannot_join()
    {
        var postgres = await server.CreateDatabaseAsync();
        using var member = await ClusterSilo.StartAsync(postgres, ClusterSilo.Certificates(ClusterSilo.CertificateFolder(), "silo1"));
        var stranger = ClusterSilo.Certificates(ClusterSilo.CertificateFolder("another authority"), "stranger");

        await Assert.ThrowsAnyAsync<Exception>(() => ClusterSilo.StartAsync(postgres, stranger,
            new() { ["ComparisonGrid:Membership:MaxJoinAttemptTime"] = "00:00:05" }, survivesDeath: true));
        var hosts = await member.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Single(hosts);
    }
}
