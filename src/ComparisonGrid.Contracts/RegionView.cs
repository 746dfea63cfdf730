namespace ComparisonGrid.Contracts;

/// <summary>A region's reports by year and the series of each indicator with attainment.</summary>
[GenerateSerializer, Immutable, Alias("cg.RegionView")]
public sealed record RegionView(RegionRef Region, IReadOnlyList<int> Years, IReadOnlyList<IndicatorSeries> Series);

[GenerateSerializer, Immutable, Alias("cg.IndicatorSeries")]
public sealed record IndicatorSeries(string Indicator, IReadOnlyList<SeriesPoint> Points);

/// <summary>
/// One year of an indicator: the target the year's report set and the figure the next year's report gives
/// as achieved for it, with whether the target was hit.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.SeriesPoint")]
public sealed record SeriesPoint(int Year, FigureView? Target, FigureView? Achieved, bool? Hit);
