using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Gateway.Endpoints;
using ComparisonGrid.Gateway.Jobs;
using ComparisonGrid.Gateway.Operations;
using ComparisonGrid.Application.Ingestion;

namespace ComparisonGrid.Gateway;

/// <summary>JSON of everything the gateway answers, source-generated, with the project's conventions (JsonConventions).</summary>
[JsonSerializable(typeof(IngestBatch))]
[JsonSerializable(typeof(IngestOutcome))]
[JsonSerializable(typeof(RegionMove))]
[JsonSerializable(typeof(StoredReport))]
[JsonSerializable(typeof(RegionView))]
[JsonSerializable(typeof(ReportChanges))]
[JsonSerializable(typeof(IReadOnlyList<RegionEntry>))]
[JsonSerializable(typeof(ComparisonResult))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(JobSubmission))]
[JsonSerializable(typeof(JobAccepted))]
[JsonSerializable(typeof(ClusterOverview))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(MetaView))]
[JsonSerializable(typeof(List<ReportSummary>))]
[JsonSerializable(typeof(List<HeldReport>))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class GatewayJson : JsonSerializerContext
{
    public static GatewayJson Web { get; } = new(JsonConventions.Options());
}
