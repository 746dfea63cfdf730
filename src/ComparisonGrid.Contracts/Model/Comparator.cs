using System.Text.Json.Serialization;

namespace ComparisonGrid.Model;

[JsonConverter(typeof(JsonStringEnumConverter<Comparator>))]
[GenerateSerializer, Alias("cg.Comparator")]
public enum Comparator
{
    [JsonStringEnumMemberName("exact")] Exact,
    [JsonStringEnumMemberName("about")] About,
    [JsonStringEnumMemberName("at_least")] AtLeast,
    [JsonStringEnumMemberName("at_most")] AtMost,
    [JsonStringEnumMemberName("range")] Range,
    [JsonStringEnumMemberName("relation")] Relation,
}
