using System.Text.Json.Serialization;

namespace ComparisonGrid.Model;

/// <summary>How much of a report speaks about a theme.</summary>
/// <param name="Per10K">Hits per 10,000 non-blank characters of the report.</param>
/// <param name="Sections">Hits per top-level section, by section number.</param>
[GenerateSerializer, Immutable, Alias("cg.ThemeScore")]
public sealed record ThemeScore(
    string Theme,
    string Label,
    int Hits,
    [property: JsonPropertyName("per10k")] double Per10K,
    IReadOnlyList<SectionHits> Sections);

[GenerateSerializer, Immutable, Alias("cg.SectionHits")]
public sealed record SectionHits(string Number, int Hits);
