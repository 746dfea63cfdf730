using System.Threading.RateLimiting;
using ComparisonGrid.Analysis;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Endpoints;
using ComparisonGrid.Gateway.Jobs;
using ComparisonGrid.Gateway.Live;
using ComparisonGrid.Gateway.Operations;
using ComparisonGrid.Gateway.Security;
using ComparisonGrid.Grains;
using ComparisonGrid.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ComparisonGrid.Gateway;

public static class GatewayHostingExtensions
{
    /// <summary>
    /// Everything the gateway runs on: its options, the grain runtime and grains, the ingest services, live streams,
    /// jobs, JSON conventions, problem details, per-client write limits and OpenAPI.
    /// </summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<GatewayOptions>(builder.Configuration.GetSection(GridOptions.Section));

        // Read now: whether Orleans' dashboard runs decides what the silo is built with.
        var gateway = builder.Configuration.GetSection(GridOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        builder.AddComparisonGrid(silo: silo => OperatorEndpoints.AddOperatorViews(gateway, silo));
        builder.AddOperatorMetrics(gateway);

        services.AddSingleton<GrainCallFigures>();
        services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallFigures>());
        services.AddSingleton<ClusterView>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterView>());
        services.AddSingleton<ReportPipeline>();
        services.AddSingleton<ReportIngestor>();
        services.AddSingleton<ReportCorrector>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<IngestGate>();
        services.AddSingleton<ReadCosts>();
        services.AddSingleton<ComparisonStreams>();
        services.AddSingleton<SerializedComparisons>();
        services.AddSingleton<DatasetDownloads>();
        services.AddSingleton<ComparisonReplicas>();
        services.AddHostedService(sp => sp.GetRequiredService<ComparisonReplicas>());
        services.AddSingleton<Readiness>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        services.AddHostedService<SampleLoader>();

        services.ConfigureHttpJsonOptions(o =>
        {
            var conventions = JsonConventions.Options();
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJson.Default);
            o.SerializerOptions.PropertyNamingPolicy = conventions.PropertyNamingPolicy;
            o.SerializerOptions.Encoder = conventions.Encoder;
            o.SerializerOptions.DefaultIgnoreCondition = conventions.DefaultIgnoreCondition;
            // The web defaults read "2024" as a number; a field typed as a number takes a number, as the API says.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<GatewayExceptionHandler>();
        // Limits come from the options at run time, so every configuration source (and a test's) applies to them.
        services.AddOptions<FormOptions>().Configure<IOptions<GatewayOptions>>((f, g) => f.MultipartBodyLengthLimit = g.Value.MaxRequestBytes);
        services.AddSingleton<ConnectionLimits>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>, ConnectionLimits>((k, g, connections) =>
        {
            k.Limits.MaxRequestBodySize = g.Value.MaxRequestBytes;
            connections.Apply(k);
        });
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(EndpointRules.WriterPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(EndpointRules.ReaderPolicy, p => p.RequireAssertion(context =>
                ClientIdentity.IsAuthenticated(context.User)
                || (context.Resource as HttpContext)?.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RequireKeyForReads == false));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var gateway = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                var detail = ClientIdentity.FailedKey(http)
                    ? $"too many requests with a wrong API key from this address: at most {gateway.FailedKeyAttemptsPerMinute} a minute"
                    : $"too many writes from this client: at most {gateway.WritesPerMinute} a minute";
                await Problems.Status(StatusCodes.Status429TooManyRequests, detail).ExecuteAsync(http).ConfigureAwait(false);
            };
            // Wrong keys count per client address, whatever key each one sends, before anything else runs.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => ClientIdentity.FailedKey(http)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientIdentity.Address(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.FailedKeyAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                })
                : RateLimitPartition.GetNoLimiter(""));
            // Writes per key identity (authenticated first), or per address for requests without a valid key.
            o.AddPolicy(EndpointRules.WritePolicy, http => RateLimitPartition.GetFixedWindowLimiter(ClientIdentity.Of(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.WritesPerMinute,
                Window = TimeSpan.FromMinutes(1),
            }));
        });
        services.AddOpenApi();
        return builder;
    }

    /// <summary>The middleware (errors as problem details, the dashboard's files, write limits) and one API per resource.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // HEAD is answered wherever GET is: routed as GET, while the server, which parsed the request line as HEAD,
        // still sends the headers alone.
        app.Use((http, next) =>
        {
            if (HttpMethods.IsHead(http.Request.Method))
            {
                http.Request.Method = HttpMethods.Get;
            }
            return next(http);
        });
        app.UseRouting();
        app.Use(SecurityHeaders.ApplyAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The dashboard's files: API requests never look for one.
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal), site =>
        {
            site.UseDefaultFiles();
            site.UseStaticFiles();
        });
        app.UseAuthentication();
        var readCosts = app.Services.GetRequiredService<ReadCosts>();
        app.Use(readCosts.InvokeAsync);
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Services.GetRequiredService<ApiKeys>();

        app.MapReportsApi();
        app.MapRegionsApi();
        app.MapCompareApi();
        app.MapJobsApi();
        app.MapExportApi();
        app.MapOperationsApi();
        app.MapOperatorViews();
        app.MapOpenApi();
        return app;
    }
}
