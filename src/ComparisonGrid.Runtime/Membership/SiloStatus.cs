using System.Text.Json.Serialization;

namespace ComparisonGrid.Runtime.Membership;

[JsonConverter(typeof(JsonStringEnumConverter<SiloStatus>))]
public enum SiloStatus
{
    [JsonStringEnumMemberName("joining")] Joining,
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("shutting_down")] ShuttingDown,
    [JsonStringEnumMemberName("dead")] Dead,
}
