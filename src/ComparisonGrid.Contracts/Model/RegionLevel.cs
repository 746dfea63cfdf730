using System.Text.Json.Serialization;

namespace ComparisonGrid.Model;

[JsonConverter(typeof(JsonStringEnumConverter<RegionLevel>))]
[GenerateSerializer, Alias("cg.RegionLevel")]
public enum RegionLevel
{
    [JsonStringEnumMemberName("national")] National,
    [JsonStringEnumMemberName("province")] Province,
    [JsonStringEnumMemberName("prefecture")] Prefecture,
    [JsonStringEnumMemberName("county")] County,
}
