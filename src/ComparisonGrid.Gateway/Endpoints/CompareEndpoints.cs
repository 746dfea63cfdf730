using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Live;
using ComparisonGrid.Application.Export;
using ComparisonGrid.Application.Export.Tables;
using ComparisonGrid.Application.Requests;
using Microsoft.Net.Http.Headers;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>
/// GET /api/compare/{kind}: the comparison as JSON (the CLI's), as CSV (format=csv, with a BOM), or, with
/// Accept: text/event-stream, as a live stream of versions.
/// </summary>
internal static class CompareEndpoints
{
    public static IEndpointRouteBuilder MapCompareApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/compare").WithTags("Comparisons");
        api.MapGet("/{kind}", CompareAsync).WithReadRules()
            .Produces<ComparisonResult>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .WithSummary("Compare regions: kind = indicator, themes, provinces, hierarchy, attainment, panel (from, to) or theme-panel (theme, from, to); Accept: text/event-stream for live updates")
            .WithDescription("figure=target|achieved picks the figure (kind= is its old name, accepted for one release). format=csv (wide for a " +
                "panel's regions × years), parquet (wide-parquet: typed columns, for pandas, R and DuckDB), zip (the CSV with manifest.json, codebook.md and reports.csv) or manifest (engine, spec, time, every " +
                "report read with its hash). The JSON answer carries " +
                "an ETag naming the comparison's version: send it back in If-None-Match and an unchanged comparison answers 304 without a body.");
        return app;
    }

    private static async Task<IResult> CompareAsync(HttpContext http, string kind, string? indicator, string? theme, int? year, string? level,
        string? province, string? figure, string? format, int? from, int? to, ComparisonReplicas replicas, ComparisonStreams streams, TimeProvider clock, CancellationToken ct)
    {
        // The route's {kind} is the comparison kind; ?kind=target|achieved (or ?figure=) is the figure kind.
        static string? Text(int? n) => n?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spec = ComparisonRequest.Spec(kind, indicator ?? theme, Text(year), level, province, figure ?? http.Request.Query["kind"].FirstOrDefault(), Text(from), Text(to));
        if (http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            return await streams.StreamAsync(http, spec).ConfigureAwait(false);
        }
        var (result, json) = await replicas.GetAsync(spec).ConfigureAwait(false);
        var stem = spec.ToKey().Replace('/', '_');
        if (format is "csv" or "wide" or "parquet" or "wide-parquet")
        {
            // A bare CSV stays what spreadsheets and statistics packages read; its manifest is one link away.
            http.Response.Headers.Link = $"<{ManifestUrl(http)}>; rel=\"describedby\"; type=\"application/json\"";
        }
        if (format is null or "" or "json")
        {
            return Json(http, json);
        }
        // Each export is built once per version, a few at a time, and kept with the comparison while memory allows.
        async Task<IResult> Export(string contentType, string fileName, Func<ComparisonResult, Task<byte[]>> build) =>
            TypedResults.Bytes(await replicas.ExportAsync(result, format, build, ct).ConfigureAwait(false), contentType, fileName);
        Task<IResult> Table(TableFormat table, bool wide) => Export(table.ContentType(), stem + (wide ? "-wide" : "") + table.Extension(),
            r => table.BytesAsync(wide ? ComparisonTable.Wide(r) : ComparisonTable.For(r), ct));
        var panel = spec.Kind is ComparisonKind.Panel or ComparisonKind.ThemePanel;
        return format switch
        {
            "csv" => await Table(TableFormat.Csv, wide: false).ConfigureAwait(false),
            "wide" when panel => await Table(TableFormat.Csv, wide: true).ConfigureAwait(false),
            "parquet" => await Table(TableFormat.Parquet, wide: false).ConfigureAwait(false),
            "wide-parquet" when panel => await Table(TableFormat.Parquet, wide: true).ConfigureAwait(false),
            "zip" => await Export("application/zip", $"{stem}.zip", r => ExportArchive.BuildAsync([r], clock.GetUtcNow(), cancellationToken: ct)).ConfigureAwait(false),
            "manifest" => await Export("application/json; charset=utf-8", $"{stem}-manifest.json",
                r => Task.FromResult(ExportArchive.ManifestJson(ExportArchive.Manifest(r, clock.GetUtcNow())))).ConfigureAwait(false),
            _ => throw new RequestException($"format is json, csv, parquet, zip or manifest (or wide and wide-parquet, for panels), not '{format}'"),
        };
    }

    private static string ManifestUrl(HttpContext http)
    {
        var query = http.Request.Query.Where(q => q.Key != "format").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        return $"{http.Request.Path}?{string.Join('&', query.Append("format=manifest"))}";
    }

    private static IResult Json(HttpContext http, SerializedComparison comparison)
    {
        http.Response.Headers.ETag = comparison.ETag;
        // Cached copies are revalidated on every use: a comparison changes whenever a report lands.
        http.Response.Headers.CacheControl = "no-cache";
        return EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(comparison.Tag, useStrongComparison: false))
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(comparison.Json, "application/json; charset=utf-8");
    }
}
