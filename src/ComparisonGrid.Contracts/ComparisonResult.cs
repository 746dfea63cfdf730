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
    IReadOnlyList<ThemePanelRow>? ThemePanel = null)
{
    /// <summary>
    /// The rows and references it holds, whatever its kind: what its memory and its serialised size grow with, so a
    /// holder can tell a county panel of tens of megabytes from a one-year comparison without serialising it.
    /// </summary>
    public int RowCount => (Rows?.Count ?? 0) + (Provinces?.Count ?? 0) + (Hierarchy?.Count ?? 0) + (Attainment?.Count ?? 0)
        + (Panel?.Count ?? 0) + (ThemePanel?.Count ?? 0) + (Reports?.Count ?? 0) + (Themes?.Regions.Count ?? 0);
}
