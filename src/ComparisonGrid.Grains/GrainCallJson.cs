using System.Text.Json.Serialization;
using ComparisonGrid.Contracts;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

/// <summary>
/// The argument and result types of the grain interfaces, for calls between silos. A silo checks at start that
/// every grain method's types are here, so a new method with a new type fails loudly, not on its first remote call.
/// </summary>
[JsonSerializable(typeof(Report))]
[JsonSerializable(typeof(ReportFacts))]
[JsonSerializable(typeof(RegionRef))]
[JsonSerializable(typeof(RegionLevel?))]
[JsonSerializable(typeof(IngestOutcome))]
[JsonSerializable(typeof(StoredReport))]
[JsonSerializable(typeof(RegionView))]
[JsonSerializable(typeof(ReportChanges))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(ComparisonResult))]
[JsonSerializable(typeof(IReadOnlyList<ComparisonResult>))]
[JsonSerializable(typeof(IReadOnlyList<ReportFacts>))]
[JsonSerializable(typeof(IReadOnlyList<RegionEntry>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(JobRequest))]
[JsonSerializable(typeof(JobIngestSummary))]
[JsonSerializable(typeof(JobView))]
[JsonSerializable(typeof(TimeSpan))]
[JsonSerializable(typeof(RegionCorrection))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
public sealed partial class GrainCallJson : JsonSerializerContext;
