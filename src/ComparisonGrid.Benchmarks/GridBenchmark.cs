using System.Diagnostics;
using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// Ingest throughput into embedded SQLite (parse and store, on all cores) and comparison query latency,
/// warm and cold, over synthetic reports in a scratch data directory.
/// </summary>
public sealed class GridBenchmark(ReportPipeline pipeline, GridStarter startGrid, TextWriter stdout)
{
    private const int Year = 2030;

    public async Task<int> IngestAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var count = (int)(cl.Number("--reports") ?? 400);
        var reports = SyntheticReports.Generate(SyntheticReports.BodySource(), count, Year, 45_000).ToList();
        await stdout.WriteLineAsync($"{count} synthetic reports of {reports.Average(r => r.Content.Length) / 1024:0} KB (45,000 characters); {Environment.ProcessorCount} cores").ConfigureAwait(false);
        var parseClock = Stopwatch.StartNew();
        Parallel.ForEach(reports, r => pipeline.Parse(new SourceDocument(r.Name, r.Content)));
        await stdout.WriteLineAsync($"parse only, all cores: {count / parseClock.Elapsed.TotalSeconds:0.0} reports/s").ConfigureAwait(false);
        await WithScratchGridAsync(async grains =>
        {
            var clock = Stopwatch.StartNew();
            await IngestAllAsync(grains, reports, cancellationToken).ConfigureAwait(false);
            var s = clock.Elapsed.TotalSeconds;
            await stdout.WriteLineAsync($"ingest (parse + store in SQLite): {count / s:0.0} reports/s, {reports.Sum(r => r.Content.Length) / 1024.0 / 1024.0 / s:0.0} MB/s ({s:0.0} s)").ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public async Task<int> CompareAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var count = (int)(cl.Number("--regions") ?? 3000);
        var seconds = cl.Number("--seconds") ?? 5;
        // Comparisons read only the facts, so short reports give the same catalog at a fraction of the ingest time.
        var reports = SyntheticReports.Generate(SyntheticReports.BodySource(), count, Year, 3_000).ToList();
        var spec = new ComparisonSpec(ComparisonKind.Indicator, Year, Indicator: "gdp_growth");
        var directory = Directory.CreateTempSubdirectory("cgrid-bench-").FullName;
        try
        {
            using (var host = await startGrid(directory, null, cancellationToken).ConfigureAwait(false))
            {
                var grains = host.Services.GetRequiredService<IGrainFactory>();
                await IngestAllAsync(grains, reports, cancellationToken).ConfigureAwait(false);
                var clock = Stopwatch.StartNew();
                var cold = await grains.Comparison(spec).GetAsync().ConfigureAwait(false);
                await stdout.WriteLineAsync($"{cold.Rows!.Count} regions; cold query (comparison computed, catalog in memory): {clock.Elapsed.TotalMilliseconds:0.0} ms").ConfigureAwait(false);
                var themes = new ComparisonSpec(ComparisonKind.Themes, Year);
                clock.Restart();
                await grains.Comparison(themes).GetAsync().ConfigureAwait(false);
                await stdout.WriteLineAsync($"cold themes query: {clock.Elapsed.TotalMilliseconds:0.0} ms").ConfigureAwait(false);
                var latency = new LatencyHistogram();
                var comparison = grains.Comparison(spec);
                var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
                long n = 0;
                while (Stopwatch.GetTimestamp() < until)
                {
                    var start = Stopwatch.GetTimestamp();
                    await comparison.GetAsync().ConfigureAwait(false);
                    latency.Record(Stopwatch.GetElapsedTime(start));
                    n++;
                }
                await stdout.WriteLineAsync($"warm query: {n / seconds:N0} queries/s, p50 {latency.Quantile(0.5).TotalMicroseconds:0} µs, p99 {latency.Quantile(0.99).TotalMicroseconds:0} µs").ConfigureAwait(false);
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            using (var host = await startGrid(directory, null, cancellationToken).ConfigureAwait(false))
            {
                var grains = host.Services.GetRequiredService<IGrainFactory>();
                var clock = Stopwatch.StartNew();
                await grains.Comparison(spec).GetAsync().ConfigureAwait(false);
                await stdout.WriteLineAsync($"cold query after a restart (catalog read from SQLite, comparison computed): {clock.Elapsed.TotalMilliseconds:0.0} ms").ConfigureAwait(false);
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
        return 0;
    }

    private async Task IngestAllAsync(IGrainFactory grains, List<(string Name, byte[] Content)> reports, CancellationToken cancellationToken)
    {
        var failed = 0;
        var ingestor = new ReportIngestor(pipeline, grains);
        await Parallel.ForEachAsync(reports, cancellationToken, async (r, _) =>
        {
            var batch = await ingestor.IngestAsync(new SourceDocument(r.Name, r.Content), ParseOptions.Default).ConfigureAwait(false);
            Interlocked.Add(ref failed, batch.Failed.Count);
        }).ConfigureAwait(false);
        if (failed > 0)
        {
            await stdout.WriteLineAsync($"warning: {failed} synthetic reports did not resolve to a region and year").ConfigureAwait(false);
        }
    }

    private async Task WithScratchGridAsync(Func<IGrainFactory, Task> run, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("cgrid-bench-").FullName;
        try
        {
            using var host = await startGrid(directory, null, cancellationToken).ConfigureAwait(false);
            await run(host.Services.GetRequiredService<IGrainFactory>()).ConfigureAwait(false);
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
