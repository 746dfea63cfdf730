using Microsoft.AspNetCore.Http.HttpResults;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Jobs;
using ComparisonGrid.Application.Export;
using ComparisonGrid.Application.Requests;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>POST /api/jobs, GET /api/jobs/{id}, GET /api/jobs/{id}/result (NDJSON, or format=csv: a zip of one CSV per comparison).</summary>
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
        api.MapGet("/{id}/result", ResultAsync).WithReadRules().WithSummary("A finished job's results: NDJSON, or format=csv for a zip");
        return app;
    }

    private static async Task<IResult> SubmitAsync(JobSubmission submission, JobRunner runner)
    {
        var comparisons = (submission.Comparisons ?? [])
            .Select(c => ComparisonRequest.Spec(c.Kind, c.Indicator, c.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Level, c.Province, c.Figure).ToKey())
            .ToList();
        if (comparisons.Count == 0 && string.IsNullOrWhiteSpace(submission.IngestFolder))
        {
            throw new RequestException("a job needs comparisons, an ingestFolder, or both");
        }
        var id = await runner.SubmitAsync(new JobRequest(comparisons, submission.IngestFolder)).ConfigureAwait(false);
        return Results.Accepted($"/api/jobs/{id}", new JobAccepted(id, $"/api/jobs/{id}", $"/api/jobs/{id}/result"));
    }

    private static async Task<IResult> ResultAsync(string id, string? format, HttpResponse response, IGrainFactory grains, CancellationToken ct)
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
                job.Status == JobStatus.Failed ? $"job {id} failed: {job.Error}" : $"job {id} is {WireNames.Of(job.Status)} ({job.Done}/{job.Total}); its result is not ready");
        }
        var results = await grain.ResultsAsync().ConfigureAwait(false);
        if (format == "csv")
        {
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                for (var i = 0; i < results.Count; i++)
                {
                    var entry = archive.CreateEntry($"{i + 1:000}-{results[i].Spec.ToKey().Replace('/', '_')}.csv");
                    await using var stream = await entry.OpenAsync(ct).ConfigureAwait(false);
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(ComparisonTable.For(results[i]).ToCsv()), ct).ConfigureAwait(false);
                }
            }
            return TypedResults.Bytes(zip.ToArray(), "application/zip", $"job-{id}.zip");
        }
        if (format is not (null or "" or "ndjson"))
        {
            throw new RequestException($"format is ndjson or csv, not '{format}'");
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
