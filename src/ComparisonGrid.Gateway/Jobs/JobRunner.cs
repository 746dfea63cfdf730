using ComparisonGrid.Application;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Application.Requests;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Live;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Jobs;

/// <summary>
/// Runs bulk jobs one after another. A job is recorded in its grain before it runs, and a runner runs it only under
/// the grain's lease, so in a cluster exactly one gateway has it; every gateway looks for queued jobs and lapsed
/// leases at start and every <see cref="GatewayOptions.JobScanInterval"/>, so a dead node's job is taken over.
/// Whatever goes wrong inside a job fails that job, never the host: a store outage is retried with backoff, then
/// the job fails; attempts are counted in the grain, so a job that keeps failing stops after a few.
/// </summary>
public sealed partial class JobRunner(
    IGrainFactory grains, ReportIngestor ingestor, ComparisonReplicas replicas, IOptions<GatewayOptions> options, TimeProvider clock, ILogger<JobRunner> logger)
    : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly GatewayOptions _options = options.Value;

    /// <summary>This process's name on the leases it holds.</summary>
    public string Runner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public async Task<string> SubmitAsync(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_queued.Count >= _options.MaxQueuedJobs)
        {
            throw new TooManyRequestsException($"{_queued.Count} jobs are waiting on this gateway (at most {_options.MaxQueuedJobs}); try again when they have run");
        }
        var id = Guid.NewGuid().ToString("N");
        await grains.GetGrain<IJobGrain>(id).CreateAsync(request).ConfigureAwait(false);
        Enqueue(id);
        return id;
    }

    /// <summary>Stops a job; if it runs here, its work stops at the next step.</summary>
    public async Task<JobView?> CancelAsync(string id)
    {
        var job = await grains.GetGrain<IJobGrain>(id).CancelAsync().ConfigureAwait(false);
        if (_running.TryGetValue(id, out var running))
        {
            await running.CancelAsync().ConfigureAwait(false);
        }
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scanning = ScanLoopAsync(stoppingToken);
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                _queued.TryRemove(id, out _);
                try
                {
                    await RunWithRetriesAsync(id, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // Shutting down: the job keeps its lease until it lapses, and then a runner takes it up again.
                    throw;
                }
                catch (Exception e)
                {
                    LogJobCrashed(logger, id, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        await scanning.ConfigureAwait(false);
    }

    private void Enqueue(string id)
    {
        if (_queued.TryAdd(id, 0))
        {
            _queue.Writer.TryWrite(id);
        }
    }

    private async Task ScanLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.JobScanInterval, clock);
        do
        {
            try
            {
                await ScanAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store down or the grid busy: the next round looks again.
                LogScanFailed(logger, e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Queues the jobs that wait for a runner (queued, or running under a lapsed lease) and prunes old finished ones.</summary>
    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        var index = grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key);
        var expired = new List<string>();
        var cutoff = clock.GetUtcNow() - _options.JobRetention;
        foreach (var id in await index.ListAsync().ConfigureAwait(false))
        {
            stoppingToken.ThrowIfCancellationRequested();
            var grain = grains.GetGrain<IJobGrain>(id);
            var job = await grain.GetAsync().ConfigureAwait(false);
            switch (job)
            {
                case null:
                    expired.Add(id);
                    break;
                case { Status: JobStatus.Queued or JobStatus.Running } when !_running.ContainsKey(id):
                    // Claiming decides: a job another runner holds under a live lease is skipped when it comes up.
                    Enqueue(id);
                    break;
                case { Status: JobStatus.Done or JobStatus.Failed or JobStatus.Cancelled, FinishedAt: { } finished } when finished < cutoff:
                    await grain.DeleteAsync().ConfigureAwait(false);
                    expired.Add(id);
                    break;
            }
        }
        if (expired.Count > 0)
        {
            await index.RemoveAsync(expired).ConfigureAwait(false);
            LogPruned(logger, expired.Count);
        }
    }

    // A store outage is retried after a pause that doubles; each try is an attempt the grain counts, so the job fails
    // after MaxJobAttempts whether the tries happen in this process or across restarts.
    private async Task RunWithRetriesAsync(string id, CancellationToken stoppingToken)
    {
        var grain = grains.GetGrain<IJobGrain>(id);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RunOnceAsync(id, grain, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (GridFaults.IsTransient(e) && !stoppingToken.IsCancellationRequested)
            {
                LogTransient(logger, id, attempt, e.Message);
                if (attempt >= _options.MaxJobAttempts)
                {
                    await TryFinishAsync(id, grain, $"gave up after {attempt} attempt{(attempt == 1 ? "" : "s")}: {Reason(e)}").ConfigureAwait(false);
                    return;
                }
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, attempt))), clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunOnceAsync(string id, IJobGrain grain, CancellationToken stoppingToken)
    {
        if (await grain.ClaimAsync(Runner, _options.JobLease, _options.MaxJobAttempts).ConfigureAwait(false) is not { } job)
        {
            return;
        }
        LogStarted(logger, id, job.Attempts);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _running[id] = cancel;
        try
        {
            await ExecuteJobAsync(job, grain, cancel).ConfigureAwait(false);
            await Settled(() => grain.FinishedAsync(Runner, null)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // Cancelled by DELETE (the grain says so already), or the lease was lost to another runner.
        }
        catch (Exception e) when (!GridFaults.IsTransient(e) && e is not OperationCanceledException)
        {
            LogJobFailed(logger, id, e);
            await TryFinishAsync(id, grain, Reason(e)).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    private async Task ExecuteJobAsync(JobView job, IJobGrain grain, CancellationTokenSource cancel)
    {
        var ct = cancel.Token;
        var (root, files, skipped) = job.Request.IngestFolder is { } folder ? ListFolder(folder) : ("", [], []);
        await Settled(() => grain.StartedAsync(Runner, files.Count + job.Request.Comparisons.Count)).ConfigureAwait(false);
        var done = 0;
        var results = 0;
        async ValueTask StepAsync()
        {
            done++;
            if (!await Settled(() => grain.ProgressAsync(Runner, done, results, _options.JobLease)).ConfigureAwait(false))
            {
                await cancel.CancelAsync().ConfigureAwait(false);
            }
        }
        if (job.Request.IngestFolder is not null)
        {
            // One file at a time, so the job's progress counts files in order.
            // Each file is opened beneath the root without following links: the folder may change after it was listed.
            var batch = await ingestor.IngestFilesAsync(files, _options.Parsing, "the server-side ingest limit", 1, _ => StepAsync(), ct, beneath: root).ConfigureAwait(false);
            var count = (IngestStatus s) => batch.Ingested.Count(o => o.Status == s);
            var failures = skipped.Concat(batch.Failed.Select(f => OneLine(Path.GetRelativePath(root, f.Input) + (f.Location is null ? "" : $" ({f.Location})") + ": " + f.Message)))
                .ToList();
            var summary = new JobIngestSummary(files.Count, count(IngestStatus.New), count(IngestStatus.Replaced), count(IngestStatus.Unchanged), failures, count(IngestStatus.Held));
            await Settled(() => grain.IngestedAsync(Runner, summary)).ConfigureAwait(false);
            replicas.ExpireAll();
        }
        long resultBytes = 0;
        foreach (var key in job.Request.Comparisons)
        {
            ct.ThrowIfCancellationRequested();
            var result = await grains.GetGrain<IComparisonGrain>(key).GetAsync().ConfigureAwait(false);
            resultBytes += JsonSerializer.SerializeToUtf8Bytes(result, GatewayJson.Default.ComparisonResult).LongLength;
            if (resultBytes > _options.MaxJobResultBytes)
            {
                throw new RequestException(FormattableString.Invariant(
                    $"the job's results would pass {_options.MaxJobResultBytes / 1024.0 / 1024.0:0.#} MB (ComparisonGrid:MaxJobResultBytes) at comparison {results + 1} of {job.Request.Comparisons.Count}; split it into smaller jobs"));
            }
            // The result first, then the count that makes it part of the job: a crash between the two repeats one write.
            await grains.JobResult(job.Id, results + 1).SetAsync(result).ConfigureAwait(false);
            results++;
            await StepAsync().ConfigureAwait(false);
        }
        ct.ThrowIfCancellationRequested();
    }

    // The roots are read when the job runs, not when it was accepted: an operator who narrowed them meanwhile is obeyed.
    private (string Root, List<string> Files, List<string> Skipped) ListFolder(string folder)
    {
        var (root, relative) = new IngestRoots(_options.IngestRoots).Resolve(folder);
        var (files, skipped) = IngestRoots.Walk(root, relative);
        return (root, files, skipped);
    }

    private async Task TryFinishAsync(string id, IJobGrain grain, string failure)
    {
        try
        {
            await Settled(() => grain.FinishedAsync(Runner, failure)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The job keeps its lease until it lapses; a later scan takes it up and its attempts run out.
            LogFinishFailed(logger, id, e.Message);
        }
    }

    // While membership changes, a grain can have two activations for a moment; a write that meets the other one's
    // is refused and that activation dropped, so the same call again reaches one that read the store.
    private static async Task<T> Settled<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Orleans.Storage.InconsistentStateException) when (attempt < 10)
            {
                await Task.Delay(100 * attempt).ConfigureAwait(false);
            }
        }
    }

    private static Task<bool> Settled(Func<Task> call) => Settled(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    /// <summary>A job record's reason: one line, what went wrong, no exception type, stack or internal detail.</summary>
    private static string Reason(Exception e) => e switch
    {
        StorageUnavailableException => "the state store was unavailable",
        _ when GridFaults.IsNodeUnavailable(e) => "a node of the cluster was unavailable",
        TimeoutException => "the grid did not answer in time",
        RequestException => OneLine(e.Message),
        _ => "the job failed on the server (the gateway's log has the details)",
    };

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "job {Id}: attempt {Attempt} starts on this gateway")]
    private static partial void LogStarted(ILogger logger, string id, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Id}: attempt {Attempt} met an outage: {Reason}")]
    private static partial void LogTransient(ILogger logger, string id, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "job {Id} failed")]
    private static partial void LogJobFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "job {Id}: the runner failed; the job stays for a later attempt")]
    private static partial void LogJobCrashed(ILogger logger, string id, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Id}: could not record its end: {Reason}")]
    private static partial void LogFinishFailed(ILogger logger, string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "looking for jobs to run failed, trying again later: {Reason}")]
    private static partial void LogScanFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "pruned {Count} finished jobs past their retention")]
    private static partial void LogPruned(ILogger logger, int count);
}
