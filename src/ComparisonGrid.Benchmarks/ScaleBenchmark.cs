using System.Diagnostics;
using ComparisonGrid.Analysis;
using ComparisonGrid.Application.Catalogs;
using ComparisonGrid.Application.Export.Dataset;
using ComparisonGrid.Application.Export.Tables;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains;
using ComparisonGrid.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ComparisonGrid.Benchmarks;

/// <summary>
/// Two decades of reports on one machine (issue 13): ~3,000 regions × 20 years of synthetic reports ingested year
/// after year into SQLite or PostgreSQL, with the ingest rate per tenth of the run, the data's size on disk, memory,
/// the time from a restart to a served region list, a cold and warm 20-year county panel, and the dataset export.
/// </summary>
public sealed class ScaleBenchmark(ReportPipeline pipeline, GridStarter startGrid, TextWriter stdout)
{
    private const int FirstYear = 2006;

    private sealed record Shape(int Regions, int Years, int Characters)
    {
        public int Reports => Regions * Years;
    }

    /// <summary>Ingests into an empty store, then restarts it.</summary>
    public async Task<int> IngestAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var shape = ShapeOf(cl);
        await using var store = ScaleStore.Open(cl);
        if (await CountAsync(store, cancellationToken).ConfigureAwait(false) is > 0 and var stored)
        {
            throw new BenchUsageException($"{store} already holds {stored:N0} reports; bench ingest --scale measures an empty store (bench compare --scale uses a full one)");
        }
        await IngestPanelAsync(store, shape, cancellationToken).ConfigureAwait(false);
        using var host = await RestartAsync(store, cancellationToken).ConfigureAwait(false);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Restarts a store that holds the reports (ingesting them first into an empty one) and asks for a county panel.</summary>
    public async Task<int> CompareAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var shape = ShapeOf(cl);
        var seconds = cl.Number("--seconds") ?? 5;
        await using var store = ScaleStore.Open(cl);
        await EnsureStoredAsync(store, shape, cancellationToken).ConfigureAwait(false);
        var spec = new ComparisonSpec(ComparisonKind.Panel, FirstYear, RegionLevel.County, null, "gdp_growth", FigureKind.Target, FirstYear + shape.Years - 1);
        // Without warming first: the panel waits for its catalogs to read their years, as a silo that does not warm would.
        using (var unwarmed = await startGrid(store.Directory, store.Postgres, cancellationToken).ConfigureAwait(false))
        {
            var started = Stopwatch.StartNew();
            await unwarmed.Services.GetRequiredService<IGrainFactory>().Comparison(spec).GetAsync().ConfigureAwait(false);
            await stdout.WriteLineAsync($"panel after a restart without warming the catalogs: {started.Elapsed.TotalMilliseconds:N0} ms").ConfigureAwait(false);
            await unwarmed.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        using var host = await RestartAsync(store, cancellationToken).ConfigureAwait(false);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var clock = Stopwatch.StartNew();
        var cold = await grains.Comparison(spec).GetAsync().ConfigureAwait(false);
        await stdout.WriteLineAsync($"cold {shape.Years}-year county panel after the restart ({cold.Panel!.Count:N0} rows, {cold.Reports!.Count:N0} reports named): {clock.Elapsed.TotalMilliseconds:N0} ms").ConfigureAwait(false);
        var comparison = grains.Comparison(spec);
        var (rate, latency) = await LoadLoop.MeasureAsync([_ => comparison.GetAsync()], seconds, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"warm panel: {rate:N0} queries/s, p50 {latency.Quantile(0.5).TotalMilliseconds:0.000} ms, p99 {latency.Quantile(0.99).TotalMilliseconds:0.000} ms").ConfigureAwait(false);
        await WriteMemoryAsync().ConfigureAwait(false);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// Exports the stored reports (ingesting first into an empty store) as Parquet and as CSV: time, bytes on disk and
    /// the highest memory seen during each export, for a quarter, a half and all of the years, so whether memory grows
    /// with the number of reports shows in one run.
    /// </summary>
    public async Task<int> ExportAsync(IBenchArguments cl, CancellationToken cancellationToken)
    {
        var shape = ShapeOf(cl);
        await using var store = ScaleStore.Open(cl);
        await EnsureStoredAsync(store, shape, cancellationToken).ConfigureAwait(false);
        using var host = await startGrid(store.Directory, store.Postgres, cancellationToken).ConfigureAwait(false);
        var exporter = new DatasetExporter(host.Services.GetRequiredService<IGrainFactory>(), TimeProvider.System);
        await stdout.WriteLineAsync("| years | format | reports | rows (all tables) | time | reports/s | bytes on disk | highest working set | highest heap after a collection |").ConfigureAwait(false);
        await stdout.WriteLineAsync("| --- | --- | --- | --- | --- | --- | --- | --- | --- |").ConfigureAwait(false);
        var full = new Dictionary<TableFormat, long>();
        foreach (var years in new[] { Math.Max(1, shape.Years / 4), Math.Max(1, shape.Years / 2), shape.Years }.Distinct())
        {
            foreach (var format in years == shape.Years ? new[] { TableFormat.Parquet, TableFormat.Csv } : [TableFormat.Parquet])
            {
                var folder = Directory.CreateTempSubdirectory("cgrid-bench-export-");
                try
                {
                    // Each export starts from what is live, not from what the one before left for the collector.
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    using var sampler = new MemorySampler();
                    var clock = Stopwatch.StartNew();
                    var manifest = await exporter.ExportAsync(folder.FullName, format, new DatasetFilter(From: FirstYear, To: FirstYear + years - 1), null, cancellationToken)
                        .ConfigureAwait(false);
                    var elapsed = clock.Elapsed.TotalSeconds;
                    var (workingSet, heap) = sampler.Stop();
                    var bytes = manifest.Files.Where(f => f.Name != "codebook.md").Sum(f => f.Bytes);
                    if (years == shape.Years)
                    {
                        full[format] = bytes;
                    }
                    var reports = manifest.Tables[0].Rows;
                    await stdout.WriteLineAsync($"| {FirstYear}–{FirstYear + years - 1} | {format.ToString().ToLowerInvariant()} | {reports:N0} | {manifest.Tables.Sum(t => t.Rows):N0} | {elapsed:0.0} s | " +
                        $"{reports / elapsed:N0} | {bytes / 1024.0 / 1024.0:N1} MB | {workingSet / 1024.0 / 1024.0:N0} MB | {heap / 1024.0 / 1024.0:N0} MB |").ConfigureAwait(false);
                }
                finally
                {
                    folder.Delete(recursive: true);
                }
            }
        }
        await stdout.WriteLineAsync($"CSV / Parquet bytes, all years: {(double)full[TableFormat.Csv] / full[TableFormat.Parquet]:0.0}×").ConfigureAwait(false);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    private static Shape ShapeOf(IBenchArguments cl) => new(
        (int)(cl.Number("--regions") ?? 3000), (int)(cl.Number("--years") ?? 20), (int)(cl.Number("--characters") ?? 18_000));

    /// <summary>A store that holds reports is used as it is; an empty one gets the synthetic panel first.</summary>
    private async Task EnsureStoredAsync(ScaleStore store, Shape shape, CancellationToken cancellationToken)
    {
        var stored = await CountAsync(store, cancellationToken).ConfigureAwait(false);
        if (stored == 0)
        {
            await IngestPanelAsync(store, shape, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteLineAsync($"{store}: {stored:N0} reports stored").ConfigureAwait(false);
        }
    }

    private async Task IngestPanelAsync(ScaleStore store, Shape shape, CancellationToken cancellationToken)
    {
        await stdout.WriteLineAsync($"{shape.Reports:N0} synthetic reports: {shape.Regions:N0} regions × {shape.Years} years ({FirstYear}–{FirstYear + shape.Years - 1}), " +
            $"{shape.Characters:N0} characters each, into {store}; {Environment.ProcessorCount} cores").ConfigureAwait(false);
        using var host = await startGrid(store.Directory, store.Postgres, cancellationToken).ConfigureAwait(false);
        var ingestor = new ReportIngestor(pipeline, host.Services.GetRequiredService<IGrainFactory>());
        var tenth = Math.Max(1, shape.Reports / 10);
        var marks = new double[10];
        var done = 0;
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(SyntheticReports.Panel(SyntheticReports.BodySource(), shape.Regions, FirstYear, shape.Years, shape.Characters),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (r, _) =>
            {
                var batch = await ingestor.IngestAsync(new SourceDocument(r.Name, r.Content), ParseOptions.Default).ConfigureAwait(false);
                Interlocked.Add(ref failed, batch.Failed.Count);
                var n = Interlocked.Increment(ref done);
                if (n % tenth == 0 && n / tenth <= 10)
                {
                    marks[(n / tenth) - 1] = clock.Elapsed.TotalSeconds;
                }
            }).ConfigureAwait(false);
        var total = clock.Elapsed.TotalSeconds;
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        var rates = marks.Select((t, i) => tenth / (t - (i == 0 ? 0 : marks[i - 1]))).ToList();
        await stdout.WriteLineAsync($"ingest: {shape.Reports / total:0.0} reports/s over the whole run ({total:0} s); first 10 %: {rates[0]:0.0}/s, last 10 %: {rates[^1]:0.0}/s " +
            $"(last/first {rates[^1] / rates[0]:0.00})").ConfigureAwait(false);
        await stdout.WriteLineAsync($"per tenth: {string.Join(", ", rates.Select(r => r.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} reports/s").ConfigureAwait(false);
        if (failed > 0)
        {
            await stdout.WriteLineAsync($"warning: {failed} synthetic reports were not stored").ConfigureAwait(false);
        }
        await stdout.WriteLineAsync($"data on disk: {await store.SizeAsync(cancellationToken).ConfigureAwait(false) / 1024.0 / 1024.0:N0} MB").ConfigureAwait(false);
        await WriteMemoryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the grid on the stored data and readies it as the gateway does before /readyz says ready: the region
    /// list (every stored report's region and year) read, every year's catalog loaded.
    /// </summary>
    private async Task<IHost> RestartAsync(ScaleStore store, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var host = await startGrid(store.Directory, store.Postgres, cancellationToken).ConfigureAwait(false);
        var started = clock.Elapsed.TotalMilliseconds;
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var regions = await grains.RegionCatalog().ListAsync(null, null).ConfigureAwait(false);
        var listed = clock.Elapsed.TotalMilliseconds;
        var years = await CatalogWarmup.WarmAsync(grains, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"restart to ready: {clock.Elapsed.TotalMilliseconds:N0} ms (host started {started:N0} ms, region list of {regions.Count:N0} regions and " +
            $"{regions.Sum(r => r.Years.Count):N0} reports {listed:N0} ms, {years.Count} year catalogs loaded)").ConfigureAwait(false);
        return host;
    }

    private async Task<int> CountAsync(ScaleStore store, CancellationToken cancellationToken)
    {
        using var host = await startGrid(store.Directory, store.Postgres, cancellationToken).ConfigureAwait(false);
        var keys = await host.Services.GetRequiredService<ComparisonGrid.Grains.Storage.IGrainStateReader>().KeysAsync(ReportGrain.GrainTypeName, ReportGrain.FactsState, cancellationToken).ConfigureAwait(false);
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return keys.Count;
    }

    private async Task WriteMemoryAsync()
    {
        var gc = GC.GetGCMemoryInfo();
        await stdout.WriteLineAsync($"memory: peak working set {new ProcessUsage().PeakMemoryBytes / 1024.0 / 1024.0:N0} MB, now {Environment.WorkingSet / 1024.0 / 1024.0:N0} MB, " +
            $"managed heap {gc.HeapSizeBytes / 1024.0 / 1024.0:N0} MB").ConfigureAwait(false);
    }
}
