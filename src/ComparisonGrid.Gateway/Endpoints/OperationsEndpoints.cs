using Microsoft.AspNetCore.Http.HttpResults;
using ComparisonGrid.Analysis;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Live;
using ComparisonGrid.Gateway.Operations;
using ComparisonGrid.Gateway.Security;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>GET /api/cluster, /healthz (the process answers), /readyz (the grid is ready to serve).</summary>
internal static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Operations");
        api.MapGet("/cluster", async (HttpContext http, ClusterView cluster, IServiceProvider services, CancellationToken ct) =>
        {
            var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
            var overview = await cluster.OverviewAsync(ct).ConfigureAwait(false) with
            {
                OrleansDashboard = options.OrleansDashboard ? OperatorEndpoints.DashboardPath + "/" : null,
            };
            // Host names, PIDs and addresses tell an attacker where to aim: only key holders see them when protected.
            return (options.ProtectOperations || options.RequireKeyForReads) && !ClientIdentity.IsAuthenticated(http.User)
                ? TypedResults.Ok(overview with { Silos = [.. overview.Silos.Select((s, i) => s with { Name = $"silo {i + 1}", Addresses = [], SuspectedBy = [.. s.SuspectedBy.Select(_ => "a member")] })] })
                : TypedResults.Ok(overview);
        }).WithReadRules().WithSummary("Silos, activations per grain type, calls/s, latency, storage (host names and addresses for key holders)");
        api.MapGet("/meta", () => TypedResults.Ok(new MetaView(
                [.. AnalysisResources.Default.Indicators.AllIds.Order(StringComparer.Ordinal)],
                [.. AnalysisResources.Default.Themes.Themes.Select(t => new ThemeView(t.Id, t.Label))],
                ["national", "province", "prefecture", "county"],
                AnalysisResources.Default.IndicatorNames)))
            .WithReadRules().WithSummary("Indicator ids (with their names), themes and levels that comparisons accept");
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthView("ok"))).WithSummary("The process is up");
        app.MapGet("/readyz", Results<Ok<HealthView>, JsonHttpResult<HealthView>> (Readiness readiness) => readiness.IsReady
            ? TypedResults.Ok(new HealthView("ready"))
            : TypedResults.Json(new HealthView("starting", $"waiting for {readiness.WaitingFor}"), GatewayJson.Web.HealthView, statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithSummary("The grid is ready to serve");
        return app;
    }
}
