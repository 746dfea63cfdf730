using ComparisonGrid.Application.Export.Dataset;
using ComparisonGrid.Application.Export.Tables;
using ComparisonGrid.Application.Requests;
using ComparisonGrid.Gateway.Live;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>GET /api/export: the whole store (or a level, a province, a span of years) as one table per kind of fact, zipped.</summary>
internal static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/export").WithTags("Export").MapGet("", ExportAsync).WithReadRules()
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .WithSummary("Every stored fact as tables (reports, targets, achievements, themes, sections, regions) with manifest.json and codebook.md, zipped")
            .WithDescription("format=parquet (default: typed columns, zstd) or csv; level, province, from and to narrow it. One export is built at a time; " +
                "another request meanwhile waits up to ExportWait, then gets 503 with Retry-After.");
        return app;
    }

    private static async Task<IResult> ExportAsync(string? format, string? level, string? province, int? from, int? to, DatasetDownloads downloads,
        CancellationToken ct)
    {
        TableFormat tableFormat;
        try
        {
            tableFormat = TableFormats.Parse(format);
        }
        catch (ArgumentException e)
        {
            throw new RequestException(e.Message);
        }
        var filter = new DatasetFilter(ComparisonRequest.Level(level), ComparisonRequest.Province(province), from, to);
        var zip = await downloads.BuildAsync(tableFormat, filter, ct).ConfigureAwait(false);
        return TypedResults.Stream(zip, "application/zip", $"comparisongrid-dataset-{(tableFormat == TableFormat.Parquet ? "parquet" : "csv")}.zip");
    }
}
