using System.Globalization;
using System.Text.Json.Serialization;
using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>
/// What to compare. Its canonical key (<see cref="ToKey"/>) names the comparison grain, so equal specs
/// share one grain, one cache and one version sequence.
/// </summary>
/// <param name="Province">A province code, or null for all provinces.</param>
/// <param name="Figure">Targets or achieved figures (indicator, provinces and panel kinds; attainment for panels).</param>
/// <param name="Indicator">The indicator compared; for a theme panel, the theme.</param>
/// <param name="ToYear">A panel's last year (<see cref="Year"/> is its first); null for every other kind.</param>
[GenerateSerializer, Immutable, Alias("cg.ComparisonSpec")]
public sealed record ComparisonSpec(
    ComparisonKind Kind,
    int Year,
    RegionLevel? Level = null,
    string? Province = null,
    string? Indicator = null,
    FigureKind Figure = FigureKind.Target,
    int? ToYear = null)
{
    private const string None = "-";

    public string ToKey() => string.Join('/',
        Name(Kind), Indicator ?? None,
        ToYear is int last ? string.Create(CultureInfo.InvariantCulture, $"{Year}-{last}") : Year.ToString(CultureInfo.InvariantCulture),
        Level is RegionLevel l ? Name(l) : None, Province ?? None, Name(Figure));

    public static ComparisonSpec FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var p = key.Split('/');
        var years = p.Length == 6 ? p[2].Split('-') : [];
        if (years.Length is not (1 or 2) || !int.TryParse(years[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new FormatException($"not a comparison key: {key}");
        }
        int? toYear = years.Length == 2 && int.TryParse(years[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? last
            : years.Length == 2 ? throw new FormatException($"not a comparison key: {key}") : null;
        return new ComparisonSpec(
            Parse<ComparisonKind>(p[0], key), year,
            p[3] == None ? null : Parse<RegionLevel>(p[3], key),
            p[4] == None ? null : p[4],
            p[1] == None ? null : p[1],
            Parse<FigureKind>(p[5], key),
            toYear);
    }

    /// <summary>
    /// The years whose reports this comparison reads: a year's achieved figures are in the next year's
    /// review, so attainment reads both years, achieved comparisons read the next year only, and a panel reads its
    /// years and the one after (a theme panel its years alone).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<int> Years => Kind switch
    {
        ComparisonKind.Panel => [.. Enumerable.Range(Year, (ToYear ?? Year) - Year + 2)],
        ComparisonKind.ThemePanel => [.. Enumerable.Range(Year, (ToYear ?? Year) - Year + 1)],
        ComparisonKind.Attainment => [Year, Year + 1],
        ComparisonKind.Indicator or ComparisonKind.Provinces when Figure == FigureKind.Achieved => [Year + 1],
        _ => [Year],
    };

    private static string Name<T>(T value) where T : struct, Enum => WireNames.Of(value);

    private static T Parse<T>(string text, string key) where T : struct, Enum =>
        WireNames.TryParse<T>(text, out var value) ? value : throw new FormatException($"not a comparison key: {key} ({text}?)");
}
