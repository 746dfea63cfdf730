using System.Text.Json.Serialization;

namespace ComparisonGrid.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<FigureKind>))]
public enum FigureKind
{
    [JsonStringEnumMemberName("target")] Target,
    [JsonStringEnumMemberName("achieved")] Achieved,
}
