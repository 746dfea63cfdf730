using ComparisonGrid.Core;

namespace ComparisonGrid.Contracts;

/// <summary>
/// A bulk job's durable record (key: the job id): what was asked, how far it got, and its results. The
/// gateway's job runner does the work and reports here, so a job outlives the process that ran it.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    Task CreateAsync(JobRequest request);

    Task StartedAsync(int total);

    Task ProgressAsync(int done, ComparisonResult? result);

    Task IngestedAsync(JobIngestSummary summary);

    Task FinishedAsync(string? failure);

    [ReadOnly]
    Task<JobView?> GetAsync();

    [ReadOnly]
    Task<IReadOnlyList<ComparisonResult>> ResultsAsync();
}

/// <summary>What a job does: compute comparisons (canonical spec keys), or ingest a folder on the server, or both.</summary>
public sealed record JobRequest(IReadOnlyList<string> Comparisons, string? IngestFolder);

public sealed record JobIngestSummary(int Files, int New, int Replaced, int Unchanged, IReadOnlyList<string> Failures);

public sealed record JobView(
    string Id,
    JobStatus Status,
    JobRequest Request,
    int Done,
    int Total,
    JobIngestSummary? Ingest,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
