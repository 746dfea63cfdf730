using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Ingestion;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Operations;

/// <summary>
/// On the first start with an empty store, ingests the bundled sample reports, so a newcomer sees comparisons
/// at once. Turned off by --no-samples (ComparisonGrid:LoadSamples=false).
/// </summary>
internal sealed partial class SampleLoader(IGrainFactory grains, ReportIngestor ingestor, Readiness readiness,
    IOptions<GatewayOptions> options, ILogger<SampleLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
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
            var loaded = await ingestor.IngestFilesAsync(InputFiles.Expand([folder]).Files, ParseOptions.Default, "the server-side ingest limit", 1, null, stoppingToken).ConfigureAwait(false);
            LogLoaded(logger, loaded.Ingested.Count, folder);
            foreach (var failure in loaded.Failed)
            {
                LogSampleFailed(logger, failure.ToString());
            }
        }
        finally
        {
            readiness.Ready();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "first start: loaded {Count} sample reports from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "first start: a sample was not loaded: {Failure}")]
    private static partial void LogSampleFailed(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "first start: no sample folder at {Folder}; starting empty")]
    private static partial void LogNoSamples(ILogger logger, string folder);
}
