using ComparisonGrid.Gateway.Endpoints;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace ComparisonGrid.Gateway.Operations;

/// <summary>
/// What operators point their tools at: Orleans' own dashboard at /dashboard and the meters of Orleans, ASP.NET Core
/// and .NET at /metrics (Prometheus text; also pushed over OTLP when an endpoint is configured). Both show host
/// names, addresses and load, so with ProtectOperations on (the default) they answer key holders only: the
/// X-Api-Key header, or the key as the password of HTTP Basic, which browsers ask for and scrapers send.
/// </summary>
internal static class OperatorEndpoints
{
    public const string DashboardPath = "/dashboard";
    public const string MetricsPath = "/metrics";

    /// <summary>The silo half: Orleans' dashboard grains and call profiling (when on), and the meters to export.</summary>
    public static void AddOperatorViews(GatewayOptions options, ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OrleansDashboard)
        {
            // The dashboard's live log stream would hand the process log to anyone who may see the dashboard.
            silo.AddDashboard(d => d.HideTrace = true);
        }
    }

    public static void AddOperatorMetrics(this WebApplicationBuilder builder, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter("Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter();
            if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
            {
                metrics.AddOtlpExporter(o => o.Endpoint = new Uri(options.OtlpEndpoint));
            }
        });
    }

    public static void MapOperatorViews(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var metrics = app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (options.ProtectOperations || options.RequireKeyForReads)
        {
            metrics.RequireAuthorization(EndpointRules.KeyHolderPolicy);
        }
        if (options.OrleansDashboard)
        {
            var dashboard = app.MapOrleansDashboard(routePrefix: DashboardPath);
            if (options.ProtectOperations || options.RequireKeyForReads)
            {
                dashboard.RequireAuthorization(EndpointRules.KeyHolderPolicy);
            }
        }
    }
}
