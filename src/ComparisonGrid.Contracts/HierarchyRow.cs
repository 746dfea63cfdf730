namespace ComparisonGrid.Contracts;

/// <summary>A region's target beside its parent's for the same year; gap = region − parent.</summary>
[GenerateSerializer, Immutable, Alias("cg.HierarchyRow")]
public sealed record HierarchyRow(RegionRef Region, FigureView Target, RegionRef? Parent, FigureView? ParentTarget, double? Gap);
