using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Application.Requests;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>GET /api/regions and /api/regions/{code}: regions, their years, indicator series with attainment.</summary>
internal static class RegionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/regions", async (string? province, string? level, IGrainFactory grains) =>
            Results.Ok(await grains.RegionCatalog()
                .ListAsync(ComparisonRequest.Level(level), ComparisonRequest.Province(province)).ConfigureAwait(false)))
            .WithReadRules().WithSummary("Regions with stored reports and their years");
        api.MapGet("/regions/{code}", async (string code, IGrainFactory grains) =>
        {
            var regionCode = ComparisonRequest.RegionCode(code);
            var view = await grains.Region(regionCode).GetAsync().ConfigureAwait(false);
            return view is null
                ? Problems.Status(StatusCodes.Status404NotFound, $"no report is stored for region {code}")
                : Results.Ok(view);
        }).WithReadRules().WithSummary("A region's years and indicator series: target beside achieved, hit or missed");
    }
}
