namespace ComparisonGrid.Model;

/// <summary>A quantified target the report sets for its year.</summary>
/// <param name="Relation">For relation targets: <c>in_step</c>, <c>above</c> or <c>below</c> the reference indicator.</param>
/// <param name="Reference">For relation targets: the indicator the target is tied to (gdp_growth).</param>
/// <param name="Group">
/// The group a report files the target under: <c>expected</c> (预期性指标), <c>regulatory</c> (调控性/指导性指标) or
/// <c>binding</c> (约束性指标); null when the report groups nothing.
/// </param>
[GenerateSerializer, Immutable, Alias("cg.Target")]
public sealed record Target(
    string Indicator,
    string Label,
    string Metric,
    Comparator Comparator,
    double? Low,
    double? High,
    string? Unit,
    bool Stretch,
    string Quote,
    int Start,
    int End,
    string? Relation = null,
    string? Reference = null,
    string? Group = null);
