using System.Text.Json.Serialization;

namespace ComparisonGrid.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<ComparisonKind>))]
[GenerateSerializer, Alias("cg.ComparisonKind")]
public enum ComparisonKind
{
    /// <summary>One indicator across regions, ranked, with statistics.</summary>
    [JsonStringEnumMemberName("indicator")] Indicator,

    /// <summary>Theme intensity per region and the ranking per theme.</summary>
    [JsonStringEnumMemberName("themes")] Themes,

    /// <summary>An indicator's rows rolled up per province.</summary>
    [JsonStringEnumMemberName("provinces")] Provinces,

    /// <summary>Each region's target beside its parent's, with the gap.</summary>
    [JsonStringEnumMemberName("hierarchy")] Hierarchy,

    /// <summary>Target against the achieved figure per region.</summary>
    [JsonStringEnumMemberName("attainment")] Attainment,

    /// <summary>One indicator per region and year over a range of years: target, achieved, hit, gap to the parent.</summary>
    [JsonStringEnumMemberName("panel")] Panel,

    /// <summary>One theme's intensity per region and year over a range of years.</summary>
    [JsonStringEnumMemberName("theme-panel")] ThemePanel,
}
