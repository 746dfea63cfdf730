using System.Text.Json.Serialization;

namespace ComparisonGrid.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<TargetChangeKind>))]
[GenerateSerializer, Alias("cg.TargetChangeKind")]
public enum TargetChangeKind
{
    [JsonStringEnumMemberName("raised")] Raised,
    [JsonStringEnumMemberName("lowered")] Lowered,
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("dropped")] Dropped,

    /// <summary>Comparator, unit or relation changed, so the figures do not compare as higher or lower.</summary>
    [JsonStringEnumMemberName("changed")] Changed,
    [JsonStringEnumMemberName("unchanged")] Unchanged,
}
