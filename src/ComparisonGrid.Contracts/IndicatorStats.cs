namespace ComparisonGrid.Contracts;

/// <summary>Summary statistics over the rows' values (population standard deviation), in <see cref="Unit"/>.</summary>
[GenerateSerializer, Immutable, Alias("cg.IndicatorStats")]
public sealed record IndicatorStats(int N, double? Mean, double? Median, double? Min, double? Max, double? Std, string? Unit = null);
