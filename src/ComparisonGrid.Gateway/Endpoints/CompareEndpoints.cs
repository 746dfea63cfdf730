using System.Text;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Live;
using ComparisonGrid.Application.Export;
using ComparisonGrid.Application.Requests;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>
/// GET /api/compare/{kind}: the comparison as JSON (the CLI's), as CSV (format=csv, with a BOM), or, with
/// Accept: text/event-stream, as a live stream of versions.
/// </summary>
internal static class CompareEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/compare/{kind}", CompareAsync).WithReadRules()
            .WithSummary("Compare regions: kind = indicator, themes, provinces, hierarchy or attainment; Accept: text/event-stream for live updates");
    }

    private static async Task<IResult> CompareAsync(HttpContext http, string kind, string? indicator, int? year, string? level,
        string? province, string? figure, string? format, IGrainFactory grains, ComparisonStreams streams)
    {
        // The route's {kind} is the comparison kind; ?kind=target|achieved (or ?figure=) is the figure kind.
        var spec = ComparisonRequest.Spec(kind, indicator, year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            level, province, figure ?? http.Request.Query["kind"].FirstOrDefault());
        if (http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            return await streams.StreamAsync(http, spec).ConfigureAwait(false);
        }
        var result = await grains.Comparison(spec).GetAsync().ConfigureAwait(false);
        return format switch
        {
            null or "" or "json" => Results.Ok(result),
            "csv" => Results.Bytes(Encoding.UTF8.GetBytes(ComparisonTable.For(result).ToCsv()), "text/csv; charset=utf-8",
                $"{spec.ToKey().Replace('/', '_')}.csv"),
            _ => throw new RequestException($"format is json or csv, not '{format}'"),
        };
    }
}
