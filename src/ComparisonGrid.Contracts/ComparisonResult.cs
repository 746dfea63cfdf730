namespace ComparisonGrid.Contracts;

/// <summary>
/// A computed comparison at one version. Which row list is filled depends on the kind; the others are null.
/// </summary>
/// <param name="Engine">The engine that computed it (<see cref="EngineVersion"/>).</param>
/// <param name="Reports">Every report the comparison read, with the hash of its source text, ordered by year and region.</param>
[GenerateSerializer, Immutable, Alias("cg.ComparisonResult")]
public sealed record ComparisonResult(
    ComparisonSpec Spec,
    long Version,
    DateTimeOffset ComputedAt,
    IReadOnlyList<IndicatorRow>? Rows = null,
    IndicatorStats? Stats = null,
    ThemeComparison? Themes = null,
    IReadOnlyList<ProvinceRow>? Provinces = null,
    IReadOnlyList<HierarchyRow>? Hierarchy = null,
    IReadOnlyList<AttainmentRow>? Attainment = null,
    string? Note = null,
    IReadOnlyList<PanelRow>? Panel = null,
    string? Engine = null,
    IReadOnlyList<ReportReference>? Reports = null,
    IReadOnlyList<ThemePanelRow>? ThemePanel = null);
