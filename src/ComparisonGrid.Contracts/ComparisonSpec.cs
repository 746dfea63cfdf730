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
/// <param name="Figure">Targets or achieved figures (indicator and provinces kinds).</param>
public sealed record ComparisonSpec(
    ComparisonKind Kind,
    int Year,
    RegionLevel? Level = null,
    string? Province = null,
    string? Indicator = null,
    FigureKind Figure = FigureKind.Target)
{
    private const string None = "-";

    public string ToKey() => string.Join('/',
        Name(Kind), Indicator ?? None, Year.ToString(CultureInfo.InvariantCulture),
        Level is RegionLevel l ? Name(l) : None, Province ?? None, Name(Figure));

    public static ComparisonSpec FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var p = key.Split('/');
        if (p.Length != 6 || !int.TryParse(p[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new FormatException($"not a comparison key: {key}");
        }
        return new ComparisonSpec(
            Parse<ComparisonKind>(p[0], key), year,
            p[3] == None ? null : Parse<RegionLevel>(p[3], key),
            p[4] == None ? null : p[4],
            p[1] == None ? null : p[1],
            Parse<FigureKind>(p[5], key));
    }

    /// <summary>
    /// The years whose reports this comparison reads: a year's achieved figures are in the next year's
    /// review, so attainment reads both years and achieved comparisons read the next year only.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<int> Years => Kind switch
    {
        ComparisonKind.Attainment => [Year, Year + 1],
        ComparisonKind.Indicator or ComparisonKind.Provinces when Figure == FigureKind.Achieved => [Year + 1],
        _ => [Year],
    };

    private static string Name<T>(T value) where T : struct, Enum => WireNames.Of(value);

    private static T Parse<T>(string text, string key) where T : struct, Enum =>
        WireNames.TryParse<T>(text, out var value) ? value : throw new FormatException($"not a comparison key: {key} ({text}?)");
}
