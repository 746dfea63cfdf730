using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>One region's figure for the compared indicator; <see cref="Value"/> is what the ranking uses.</summary>
[GenerateSerializer, Immutable, Alias("cg.IndicatorRow")]
public sealed record IndicatorRow(
    int Rank,
    RegionRef Region,
    Comparator Comparator,
    double? Low,
    double? High,
    string? Unit,
    bool Stretch,
    string Quote,
    double? Value);
