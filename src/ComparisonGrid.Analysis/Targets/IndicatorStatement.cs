using ComparisonGrid.Analysis.Model;

namespace ComparisonGrid.Analysis.Targets;

/// <summary>
/// One indicator's figure (or relation) read from a clause, before it becomes a target or an achievement.
/// Positions are in the text the clause was read from.
/// </summary>
public sealed record IndicatorStatement(
    string Indicator,
    string Label,
    string Metric,
    Comparator Comparator,
    double? Low,
    double? High,
    string? Unit,
    bool Stretch,
    int Start,
    int End,
    string? Relation = null,
    string? Reference = null);
