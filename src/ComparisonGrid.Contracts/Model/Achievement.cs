namespace ComparisonGrid.Model;

/// <summary>A result the review part reports for the previous year, under the same indicator ids as targets.</summary>
/// <param name="Estimated">The review gives the figure as an estimate (预计), the year's statistics not yet final.</param>
[GenerateSerializer, Immutable, Alias("cg.Achievement")]
public sealed record Achievement(
    string Indicator,
    string Label,
    int? Year,
    string Metric,
    Comparator Comparator,
    double? Low,
    double? High,
    string? Unit,
    string Quote,
    int Start,
    int End,
    bool Estimated = false);
