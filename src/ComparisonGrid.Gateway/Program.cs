using System.Threading.RateLimiting;
using ComparisonGrid.Analysis;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway;
using ComparisonGrid.Gateway.Endpoints;
using ComparisonGrid.Gateway.Jobs;
using ComparisonGrid.Gateway.Live;
using ComparisonGrid.Gateway.Operations;
using ComparisonGrid.Gateway.Security;
using ComparisonGrid.Grains;
using ComparisonGrid.Application.Ingestion;
using ComparisonGrid.Runtime;
using ComparisonGrid.Runtime.Configuration;
using ComparisonGrid.Runtime.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

// appsettings.json and the dashboard ship beside the assembly, so they are found wherever the gateway is
// started from; relative data and sample folders are taken from the working directory, like the CLI's.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = GatewayArguments.Normalise(args),
    ContentRootPath = AppContext.BaseDirectory,
});
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}
// A clustered silo (PostgreSQL plus a silo address) records its gateway's URL in the membership table for operators.
builder.Configuration["ComparisonGrid:GatewayAddress"] ??= (builder.Configuration["urls"] ?? "http://127.0.0.1:5080").Split(';')[0];
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

builder.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(GrainRuntimeOptions.Section));

builder.AddComparisonGrid();
builder.Services.AddComparisonGridGrains();
builder.Services.AddSingleton<ReportPipeline>();
builder.Services.AddSingleton<ReportIngestor>();
builder.Services.AddSingleton<ReportCorrector>();
builder.Services.AddSingleton<ApiKeys>();
builder.Services.AddSingleton<ComparisonStreams>();
builder.Services.AddSingleton<SerializedComparisons>();
builder.Services.AddSingleton<Readiness>();
builder.Services.AddSingleton<JobRunner>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
builder.Services.AddHostedService<SampleLoader>();

builder.Services.ConfigureHttpJsonOptions(o =>
{
    var conventions = JsonConventions.Options();
    o.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJson.Default);
    o.SerializerOptions.PropertyNamingPolicy = conventions.PropertyNamingPolicy;
    o.SerializerOptions.Encoder = conventions.Encoder;
    o.SerializerOptions.DefaultIgnoreCondition = conventions.DefaultIgnoreCondition;
});
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<GatewayExceptionHandler>();
// Limits come from the options at run time, so every configuration source (and a test's) applies to them.
builder.Services.AddOptions<FormOptions>().Configure<IOptions<GatewayOptions>>((f, g) => f.MultipartBodyLengthLimit = g.Value.MaxRequestBytes);
builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((k, g) => k.Limits.MaxRequestBodySize = g.Value.MaxRequestBytes);
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.OnRejected = async (context, ct) =>
    {
        var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.WritesPerMinute;
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await Problems.Status(StatusCodes.Status429TooManyRequests, $"too many writes from this client: at most {limit} a minute")
            .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    };
    // Per client: the API key when one is sent, otherwise the remote address.
    o.AddPolicy(EndpointRules.WritePolicy, http => RateLimitPartition.GetFixedWindowLimiter(
        http.Request.Headers[ApiKeys.Header].FirstOrDefault() ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = http.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.WritesPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));
});
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseRateLimiter();
app.Services.GetRequiredService<ApiKeys>();

var api = app.MapGroup("/api");
ReportEndpoints.Map(api);
RegionEndpoints.Map(api);
CompareEndpoints.Map(api);
JobEndpoints.Map(api);
OperationsEndpoints.Map(app);
app.MapOpenApi();

await app.RunAsync();

/// <summary>The gateway's entry point; public so integration tests can host it (WebApplicationFactory).</summary>
public partial class Program;
