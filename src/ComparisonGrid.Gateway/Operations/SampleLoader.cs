using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Catalogs;
using ComparisonGrid.Application.Ingestion;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Operations;

/// <summary>
/// Readies the store for serving: on the first start with an empty store, ingests the bundled sample reports, so a
/// newcomer sees comparisons at once (turned off by --no-samples, ComparisonGrid:LoadSamples=false); on every start,
/// loads the year catalogs (<see cref="GatewayOptions.WarmCatalogs"/>). /readyz answers 200 after both.
/// </summary>
internal sealed partial class SampleLoader(IGrainFactory grains, ReportIngestor ingestor, Readiness readiness,
    IOptions<GatewayOptions> options, ILogger<SampleLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadSamplesAsync(stoppingToken).ConfigureAwait(false);
            if (options.Value.WarmCatalogs)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var years = await CatalogWarmup.WarmAsync(grains, stoppingToken).ConfigureAwait(false);
                LogWarmed(logger, years.Count, clock.ElapsedMilliseconds);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Serving without samples or with cold catalogs beats not serving: each comparison loads what it needs.
            LogStartFailed(logger, e);
        }
        finally
        {
            readiness.Ready();
        }
    }

    private async Task LoadSamplesAsync(CancellationToken stoppingToken)
    {
        // Relative to the gateway's own folder, where the build puts the bundled samples.
        var folder = Path.GetFullPath(options.Value.SamplesDirectory, AppContext.BaseDirectory);
        if (!options.Value.LoadSamples)
        {
            return;
        }
        if ((await grains.RegionCatalog().ListAsync(null, null).ConfigureAwait(false)).Count > 0)
        {
            return;
        }
        if (!Directory.Exists(folder))
        {
            LogNoSamples(logger, folder);
            return;
        }
        var loaded = await ingestor.IngestFilesAsync(InputFiles.Expand([folder]).Files, options.Value.Parsing, "the server-side ingest limit", 1, null, stoppingToken).ConfigureAwait(false);
        LogLoaded(logger, loaded.Ingested.Count, folder);
        foreach (var failure in loaded.Failed)
        {
            LogSampleFailed(logger, failure.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "loaded the catalogs of {Years} years in {Milliseconds} ms")]
    private static partial void LogWarmed(ILogger logger, int years, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "readying the store failed; serving anyway")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "first start: loaded {Count} sample reports from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "first start: a sample was not loaded: {Failure}")]
    private static partial void LogSampleFailed(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "first start: no sample folder at {Folder}; starting empty")]
    private static partial void LogNoSamples(ILogger logger, string folder);
}
