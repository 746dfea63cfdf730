using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ComparisonGrid.Contracts;
using ComparisonGrid.Gateway.Endpoints;
using ComparisonGrid.Gateway.Jobs;
using ComparisonGrid.Gateway.Operations;
using ComparisonGrid.Grains.Ingestion;
using ComparisonGrid.Runtime.Metrics;

namespace ComparisonGrid.Gateway;

/// <summary>JSON of everything the gateway answers, source-generated; same conventions as the CLI's.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IngestBatch))]
[JsonSerializable(typeof(IngestOutcome))]
[JsonSerializable(typeof(RegionMove))]
[JsonSerializable(typeof(StoredReport))]
[JsonSerializable(typeof(RegionView))]
[JsonSerializable(typeof(IReadOnlyList<RegionEntry>))]
[JsonSerializable(typeof(ComparisonResult))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(JobSubmission))]
[JsonSerializable(typeof(JobAccepted))]
[JsonSerializable(typeof(ClusterOverview))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(MetaView))]
[JsonSerializable(typeof(List<ReportSummary>))]
[JsonSerializable(typeof(RuntimeSnapshot))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class GatewayJson : JsonSerializerContext
{
    /// <summary>Chinese text as written rather than \u escapes: smaller, and readable in a browser's network tab.</summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static GatewayJson Web { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = Encoder,
    });
}
