namespace ComparisonGrid.Contracts;

/// <summary>Summary statistics over the rows' values (population standard deviation).</summary>
public sealed record IndicatorStats(int N, double? Mean, double? Median, double? Min, double? Max, double? Std);
