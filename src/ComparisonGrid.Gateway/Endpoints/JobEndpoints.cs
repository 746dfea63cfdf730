using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Jobs;
using ComparisonGrid.Application.Export;
using ComparisonGrid.Application.Export.Tables;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Application.Requests;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>
/// POST /api/jobs, GET /api/jobs/{id}, GET /api/jobs/{id}/result (NDJSON, one comparison per line; or format=zip: one
/// CSV per comparison with manifest.json, codebook.md and reports.csv; format=parquet: the same as Parquet files).
/// </summary>
internal static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").WithTags("Jobs");
        api.MapPost("", SubmitAsync).WithWriteRules().WithSummary("Start a bulk job: comparisons and/or an ingest of a server folder");
        api.MapGet("/{id}", async Task<Results<Ok<JobView>, ProblemHttpResult>> (string id, IGrainFactory grains) =>
            await grains.GetGrain<IJobGrain>(id).GetAsync().ConfigureAwait(false) is { } job
                ? TypedResults.Ok(job)
                : Problems.Status(StatusCodes.Status404NotFound, $"no job {id}"))
            .WithReadRules().WithSummary("A job's status and progress");
        api.MapGet("/{id}/result", ResultAsync).WithReadRules().WithSummary("A finished job's results: NDJSON, format=zip for the CSVs with manifest, codebook and reports, or format=parquet for the same as Parquet");
        api.MapDelete("/{id}", async Task<Results<Ok<JobView>, ProblemHttpResult>> (string id, JobRunner runner) =>
            await runner.CancelAsync(id).ConfigureAwait(false) is { } job
                ? TypedResults.Ok(job)
                : Problems.Status(StatusCodes.Status404NotFound, $"no job {id}"))
            .WithWriteRules().WithSummary("Cancel a queued or running job (a finished one stays as it is)");
        return app;
    }

    private static string? Text(int? year) => year?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IResult> SubmitAsync(JobSubmission submission, JobRunner runner, IOptions<GatewayOptions> options)
    {
        if (submission.Comparisons?.Count > options.Value.MaxJobComparisons)
        {
            throw new RequestException($"a job may ask for at most {options.Value.MaxJobComparisons} comparisons, not {submission.Comparisons.Count}");
        }
        var comparisons = (submission.Comparisons ?? [])
            .Select(c => ComparisonRequest.Spec(c.Kind, c.Indicator ?? c.Theme, Text(c.Year), c.Level, c.Province, c.Figure, Text(c.From), Text(c.To)).ToKey())
            .ToList();
        if (comparisons.Count == 0 && string.IsNullOrWhiteSpace(submission.IngestFolder))
        {
            throw new RequestException("a job needs comparisons, an ingestFolder, or both");
        }
        // The folder is checked now, so a client hears at once that it is off or outside the roots, and the job
        // records it relative to its root: a job record shows no server path.
        var folder = submission.IngestFolder is { Length: > 0 } requested ? new IngestRoots(options.Value.IngestRoots).Resolve(requested).Relative : null;
        var id = await runner.SubmitAsync(new JobRequest(comparisons, folder)).ConfigureAwait(false);
        return Results.Accepted($"/api/jobs/{id}", new JobAccepted(id, $"/api/jobs/{id}", $"/api/jobs/{id}/result"));
    }

    private static async Task<IResult> ResultAsync(string id, string? format, HttpResponse response, IGrainFactory grains, TimeProvider clock, CancellationToken ct)
    {
        var grain = grains.GetGrain<IJobGrain>(id);
        var job = await grain.GetAsync().ConfigureAwait(false);
        if (job is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, $"no job {id}");
        }
        if (job.Status != JobStatus.Done)
        {
            return Problems.Status(StatusCodes.Status409Conflict,
                job.Status switch
                {
                    JobStatus.Failed => $"job {id} failed: {job.Error}",
                    JobStatus.Cancelled => $"job {id} was cancelled",
                    _ => $"job {id} is {WireNames.Of(job.Status)} ({job.Done}/{job.Total}); its result is not ready",
                });
        }
        var results = new List<ComparisonResult>(job.Results);
        for (var i = 1; i <= job.Results; i++)
        {
            results.Add(await grains.JobResult(id, i).GetAsync().ConfigureAwait(false)
                ?? throw new InvalidOperationException($"job {id} lost its result {i}"));
        }
        if (format is "csv" or "zip" or "parquet")
        {
            var parquet = format == "parquet";
            return TypedResults.Bytes(await ExportArchive.BuildAsync(results, clock.GetUtcNow(), numbered: true, parquet ? TableFormat.Parquet : TableFormat.Csv, ct)
                .ConfigureAwait(false), "application/zip", $"job-{id}{(parquet ? "-parquet" : "")}.zip");
        }
        if (format is not (null or "" or "ndjson"))
        {
            throw new RequestException($"format is ndjson, zip (csv is its old name) or parquet (a zip of Parquet files), not '{format}'");
        }
        response.ContentType = "application/x-ndjson; charset=utf-8";
        foreach (var result in results)
        {
            await response.WriteAsync(JsonSerializer.Serialize(result, GatewayJson.Web.ComparisonResult) + "\n", ct).ConfigureAwait(false);
        }
        return Results.Empty;
    }
}

public sealed record JobAccepted(string Id, string Status, string Result);
