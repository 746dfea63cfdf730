
namespace ComparisonGrid.Contracts;

/// <summary>
/// A bulk job's durable record (key: the job id): what was asked, how far it got, who runs it. The gateways' job
/// runners do the work and report here, so a job outlives the process that ran it. A runner must hold the job's
/// lease to run it, and the grain is one activation in the cluster, so exactly one runner has the job at a time;
/// a runner that dies lets its lease lapse and another takes the job over.
/// </summary>
[Alias("cg.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    Task CreateAsync(JobRequest request);

    /// <summary>
    /// Takes the job for <paramref name="runner"/> for <paramref name="lease"/> when it is queued, or running under
    /// a lease that lapsed (or is this runner's): one more attempt, from the start. Null when it is not to be run
    /// (finished, cancelled, held by another runner, or out of attempts, which fails it).
    /// </summary>
    Task<JobView?> ClaimAsync(string runner, TimeSpan lease, int maxAttempts);

    Task StartedAsync(string runner, int total);

    /// <summary>Counts a step (and a result, stored apart) and extends the lease; false when the runner must stop (cancelled, or no longer its job).</summary>
    Task<bool> ProgressAsync(string runner, int done, int results, TimeSpan lease);

    Task IngestedAsync(string runner, JobIngestSummary summary);

    Task FinishedAsync(string runner, string? failure);

    /// <summary>Stops a queued or running job; a finished one stays as it is. Null when there is no such job.</summary>
    Task<JobView?> CancelAsync();

    /// <summary>Forgets the job and its results (the index prunes old jobs with it).</summary>
    Task DeleteAsync();

    [ReadOnly]
    Task<JobView?> GetAsync();
}

/// <summary>What a job does: compute comparisons (canonical spec keys), or ingest a folder on the server (relative to an ingest root), or both.</summary>
[GenerateSerializer, Immutable, Alias("cg.JobRequest")]
public sealed record JobRequest(IReadOnlyList<string> Comparisons, string? IngestFolder);

/// <summary>What a folder ingest did; each failure is one line: a path relative to the ingest root and the reason.</summary>
[GenerateSerializer, Immutable, Alias("cg.JobIngestSummary")]
public sealed record JobIngestSummary(int Files, int New, int Replaced, int Unchanged, IReadOnlyList<string> Failures, int Held = 0);

[GenerateSerializer, Immutable, Alias("cg.JobView")]
public sealed record JobView(
    string Id,
    JobStatus Status,
    JobRequest Request,
    int Done,
    int Total,
    JobIngestSummary? Ingest,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    int Attempts = 0,
    int Results = 0);
