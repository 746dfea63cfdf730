namespace ComparisonGrid.Contracts;

/// <summary>
/// A region's target for the year beside what the next year's report gives as achieved; <see cref="Hit"/>
/// is null when either is missing.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.AttainmentRow")]
public sealed record AttainmentRow(RegionRef Region, FigureView Target, FigureView? Achieved, bool? Hit);
