namespace ComparisonGrid.Analysis.Targets;

/// <summary>A clause [Start, End) that names an indicator (under <paramref name="Label"/>) before a figure with a unit.</summary>
/// <param name="Ids">Every indicator id the label's families have: the clause may state any of them.</param>
/// <param name="Qualified">A figure of the clause carries a qualifier (左右, 以上, 不低于, 力争), as targets do.</param>
public sealed record IndicatorMention(int Start, int End, string Label, IReadOnlyList<string> Ids, bool Qualified);
