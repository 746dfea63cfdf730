using System.Text.Json.Serialization;

namespace ComparisonGrid.Model;

[JsonConverter(typeof(JsonStringEnumConverter<SectionKind>))]
[GenerateSerializer, Alias("cg.SectionKind")]
public enum SectionKind
{
    [JsonStringEnumMemberName("other")] Other,
    [JsonStringEnumMemberName("review")] Review,
    [JsonStringEnumMemberName("targets")] Targets,
    [JsonStringEnumMemberName("plan")] Plan,
    [JsonStringEnumMemberName("self_building")] SelfBuilding,
    [JsonStringEnumMemberName("outlook")] Outlook,
}
