using System.Text.Json.Serialization;

namespace ComparisonGrid.Grains.State;

[JsonSerializable(typeof(ReportState))]
[JsonSerializable(typeof(ReportFactsState))]
[JsonSerializable(typeof(YearCatalogState))]
[JsonSerializable(typeof(RegionCatalogState))]
[JsonSerializable(typeof(JobState))]
[JsonSerializable(typeof(JobIndexState))]
[JsonSerializable(typeof(JobResultState))]
[JsonSerializable(typeof(ReportCorrectionState))]
public sealed partial class GrainStateJson : JsonSerializerContext;
