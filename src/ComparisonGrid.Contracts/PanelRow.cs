using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>
/// One region in one year of a panel (long format): its target as the year's indicator comparison shows it, the
/// achieved figure the next year's report gives, whether it was hit, and the gap to its parent's target that year.
/// </summary>
/// <param name="ReportHash">The SHA-256 of the source text of the year's report, which the target comes from.</param>
[GenerateSerializer, Immutable, Alias("cg.PanelRow")]
public sealed record PanelRow(
    RegionRef Region,
    int Year,
    Comparator? Comparator,
    double? Low,
    double? High,
    double? Value,
    string? Unit,
    bool Stretch,
    string? Quote,
    double? Achieved,
    string? AchievedQuote,
    bool? Hit,
    double? ParentGap,
    string? ReportHash = null);
