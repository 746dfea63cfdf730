namespace ComparisonGrid.Model;

/// <summary>A parsed government work report: the contract of shared/spec/targets.md.</summary>
[GenerateSerializer, Immutable, Alias("cg.Report")]
public sealed record Report(
    string? Title,
    Region? Region,
    int? Year,
    string? MeetingDate,
    string? Speaker,
    string? Office,
    IReadOnlyList<string> Flags,
    IReadOnlyList<Section> Sections,
    IReadOnlyList<Target> Targets,
    IReadOnlyList<Achievement> Achievements,
    IReadOnlyList<ThemeScore> Themes,
    IReadOnlyList<QualityNote> Quality,
    SourceSpan Source,
    int Characters);
