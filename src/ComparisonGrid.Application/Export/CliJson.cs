using System.Text.Json.Serialization;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;

namespace ComparisonGrid.Application.Export;

/// <summary>
/// The JSON the CLI prints and export manifests are written in (the project's conventions, indented); the gateway
/// answers API calls with its own context.
/// </summary>
[JsonSerializable(typeof(ComparisonResult))]
[JsonSerializable(typeof(StoredReport))]
[JsonSerializable(typeof(ReportChanges))]
[JsonSerializable(typeof(IReadOnlyList<RegionEntry>))]
[JsonSerializable(typeof(ExportManifest))]
[JsonSerializable(typeof(Dataset.DatasetManifest))]
public sealed partial class CliJson : JsonSerializerContext
{
    public static CliJson Readable { get; } = new(JsonConventions.Options(indented: true));
}
