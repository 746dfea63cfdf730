namespace ComparisonGrid.Contracts;

/// <summary>The rows of one province rolled up: how many regions state the indicator, mean and median.</summary>
[GenerateSerializer, Immutable, Alias("cg.ProvinceRow")]
public sealed record ProvinceRow(int Rank, string Province, string ProvinceCode, int Count, double? Mean, double? Median);
