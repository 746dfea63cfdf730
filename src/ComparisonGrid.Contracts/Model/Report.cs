namespace ComparisonGrid.Model;

/// <summary>A parsed government work report: the contract of shared/spec/targets.md.</summary>
/// <param name="Unread">
/// Clauses naming an indicator beside a figure that were read as nothing (<see cref="UnreadClause"/>); null for a
/// report stored by a release that did not look for them.
/// </param>
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
    int Characters,
    IReadOnlyList<UnreadClause>? Unread = null);
