using System.Threading.Channels;
using ComparisonGrid.Analysis;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Gateway.Live;

namespace ComparisonGrid.Gateway.Jobs;

/// <summary>
/// Runs bulk jobs one after another. Jobs are recorded in their grains before they run, and at start the
/// runner takes up every job a previous process left queued or running, so none is silently lost.
/// </summary>
public sealed partial class JobRunner(IGrainFactory grains, ReportIngestor ingestor, ComparisonReplicas replicas, ILogger<JobRunner> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();

    public async Task<string> SubmitAsync(JobRequest request)
    {
        var id = Guid.NewGuid().ToString("N");
        await grains.GetGrain<IJobGrain>(id).CreateAsync(request).ConfigureAwait(false);
        await _queue.Writer.WriteAsync(id).ConfigureAwait(false);
        return id;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var id in await grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).ListAsync().ConfigureAwait(false))
        {
            var job = await grains.GetGrain<IJobGrain>(id).GetAsync().ConfigureAwait(false);
            if (job?.Status is JobStatus.Queued or JobStatus.Running)
            {
                LogResumed(logger, id);
                await _queue.Writer.WriteAsync(id, stoppingToken).ConfigureAwait(false);
            }
        }
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await RunAsync(id, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(string id, CancellationToken ct)
    {
        var grain = grains.GetGrain<IJobGrain>(id);
        var job = await grain.GetAsync().ConfigureAwait(false);
        if (job is null)
        {
            return;
        }
        try
        {
            var files = job.Request.IngestFolder is { } folder ? ListFolder(folder) : [];
            await grain.StartedAsync(files.Count + job.Request.Comparisons.Count).ConfigureAwait(false);
            var done = 0;
            if (files.Count > 0)
            {
                // One file at a time, so the job's progress counts files in order.
                var batch = await ingestor.IngestFilesAsync(files, ParseOptions.Default, "the server-side ingest limit", 1,
                    async _ => await grain.ProgressAsync(++done, null).ConfigureAwait(false), ct).ConfigureAwait(false);
                var count = (IngestStatus s) => batch.Ingested.Count(o => o.Status == s);
                var (added, replaced, unchanged) = (count(IngestStatus.New), count(IngestStatus.Replaced), count(IngestStatus.Unchanged));
                var failures = batch.Failed.Select(f => f.ToString()).ToList();
                await grain.IngestedAsync(new JobIngestSummary(files.Count, added, replaced, unchanged, failures)).ConfigureAwait(false);
                replicas.ExpireAll();
            }
            foreach (var key in job.Request.Comparisons)
            {
                ct.ThrowIfCancellationRequested();
                var result = await grains.GetGrain<IComparisonGrain>(key).GetAsync().ConfigureAwait(false);
                await grain.ProgressAsync(++done, result).ConfigureAwait(false);
            }
            await grain.FinishedAsync(null).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the job stays running and the next start takes it up again.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            await grain.FinishedAsync(e.Message).ConfigureAwait(false);
        }
    }

    private static List<string> ListFolder(string folder) =>
        Directory.Exists(folder)
            ? InputFiles.Expand([folder]).Files
            : throw new IOException($"no such folder on the server: {folder}");

    [LoggerMessage(Level = LogLevel.Information, Message = "resuming job {Id}, left unfinished by the previous run")]
    private static partial void LogResumed(ILogger logger, string id);
}
