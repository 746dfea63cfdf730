using Microsoft.AspNetCore.Http.HttpResults;
using System.Diagnostics;
using ComparisonGrid.Analysis;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Live;
using ComparisonGrid.Gateway.Operations;
using ComparisonGrid.Runtime;
using ComparisonGrid.Runtime.Membership;
using ComparisonGrid.Runtime.Metrics;
using System.Text.Json;
using ComparisonGrid.Gateway.Security;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ComparisonGrid.Gateway.Endpoints;

/// <summary>GET /api/cluster, /healthz (the process answers), /readyz (the grid is ready to serve).</summary>
internal static class OperationsEndpoints
{
    private static readonly TimeSpan RecentlyGone = TimeSpan.FromMinutes(10);

    private static RuntimeSnapshot? Published(IReadOnlyDictionary<string, string> reports, string siloId)
    {
        if (!reports.TryGetValue(siloId, out var json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(json, GatewayJson.Web.RuntimeSnapshot);
        }
        catch (JsonException)
        {
            // Published by a version whose figures this one cannot read: shown without figures.
            return null;
        }
    }

    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Operations");
        api.MapGet("/cluster", async (HttpContext http, Silo silo, ComparisonStreams streams, IServer server, IServiceProvider services, CancellationToken ct) =>
        {
            var overview = await OverviewAsync(silo, streams, server, services, ct).ConfigureAwait(false);
            var options = services.GetRequiredService<IOptions<GatewayOptions>>().Value;
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

    private static async Task<ClusterOverview> OverviewAsync(Silo silo, ComparisonStreams streams, IServer server, IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<MembershipView>() is { SelfId: { } selfId } cluster)
        {
            // Clustered: every member as of this silo's last membership round (those that left in the last ten
            // minutes too); this silo's figures live, the others' as they published them with their last heartbeat.
            var reports = await services.GetRequiredService<MembershipTable>().ReadReportsAsync(ct).ConfigureAwait(false);
            var recent = DateTimeOffset.UtcNow - RecentlyGone;
            var members = cluster.Silos.Where(m => m.Status != SiloStatus.Dead || m.HeartbeatAt > recent);
            return new ClusterOverview([.. members.Select(m => new SiloOverview(m.SiloId, [.. new[] { m.Gateway, m.Address }.OfType<string>()], WireNames.Of(m.Status), m.StartedAt,
                m.SiloId == selfId ? silo.Snapshot() : Published(reports, m.SiloId), m.HeartbeatAt, m.SuspectedBy))], streams.Open);
        }
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime());
        var self = new SiloOverview($"{Environment.MachineName}/{Environment.ProcessId}", addresses, "active", started, silo.Snapshot(), null, []);
        return new ClusterOverview([self], streams.Open);
    }
}
