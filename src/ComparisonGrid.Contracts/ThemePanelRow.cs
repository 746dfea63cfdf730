namespace ComparisonGrid.Contracts;

/// <summary>One region in one year of a theme panel: how much its report speaks about the theme.</summary>
/// <param name="Per10K">Hits per 10,000 non-blank characters, comparable across reports of different length.</param>
/// <param name="ReportHash">The SHA-256 of the source text of the year's report.</param>
[GenerateSerializer, Immutable, Alias("cg.ThemePanelRow")]
public sealed record ThemePanelRow(RegionRef Region, int Year, string Theme, string Label, int Hits, double Per10K, int Characters, string? ReportHash);
