using Microsoft.AspNetCore.Http.HttpResults;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Requests;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>GET /api/regions, /api/regions/{code} (years, indicator series with attainment) and /api/regions/{code}/changes.</summary>
internal static class RegionEndpoints
{
    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions").WithTags("Regions");
        api.MapGet("", async (string? province, string? level, IGrainFactory grains) =>
            TypedResults.Ok(await grains.RegionCatalog()
                .ListAsync(ComparisonRequest.Level(level), ComparisonRequest.Province(province)).ConfigureAwait(false)))
            .WithReadRules().WithSummary("Regions with stored reports and their years");
        api.MapGet("/{code}", async Task<Results<Ok<RegionView>, ProblemHttpResult>> (string code, IGrainFactory grains) =>
        {
            var regionCode = ComparisonRequest.RegionCode(code);
            var view = await grains.Region(regionCode).GetAsync().ConfigureAwait(false);
            return view is null
                ? Problems.Status(StatusCodes.Status404NotFound, $"no report is stored for region {code}")
                : TypedResults.Ok(view);
        }).WithReadRules().WithSummary("A region's years and indicator series: target beside achieved, hit or missed");
        api.MapGet("/{code}/changes", async Task<Results<Ok<ReportChanges>, ProblemHttpResult>> (string code, int? from, int? to, IGrainFactory grains) =>
        {
            var regionCode = ComparisonRequest.RegionCode(code);
            var changes = await grains.Region(regionCode).ChangesAsync(from, to).ConfigureAwait(false);
            return changes is null
                ? Problems.Status(StatusCodes.Status404NotFound,
                    $"region {code} has no two reports to compare ({(from is null ? "the year before" : from.ToString())} and {(to is null ? "the latest" : to.ToString())})")
                : TypedResults.Ok(changes);
        }).WithReadRules().WithSummary("What changed between two years' reports: targets raised, lowered, added, dropped (both quotes), themes that rose or fell most, sections added or removed");
        return app;
    }
}
