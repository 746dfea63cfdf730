namespace ComparisonGrid.Contracts;

/// <summary>
/// A computed comparison at one version. Which row list is filled depends on the kind; the others are null.
/// </summary>
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
    IReadOnlyList<PanelRow>? Panel = null);
