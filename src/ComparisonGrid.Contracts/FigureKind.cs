using System.Text.Json.Serialization;

namespace ComparisonGrid.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<FigureKind>))]
[GenerateSerializer, Alias("cg.FigureKind")]
public enum FigureKind
{
    [JsonStringEnumMemberName("target")] Target,
    [JsonStringEnumMemberName("achieved")] Achieved,

    /// <summary>Panels only: rows of regions with a target, their achieved figure beside it.</summary>
    [JsonStringEnumMemberName("attainment")] Attainment,
}
