namespace ComparisonGrid.Model;

/// <summary>
/// A clause of the review or the plan that names an indicator beside a figure, read as neither an achievement nor a
/// target although the report holds none for that indicator: what the parser may have missed, for a reader to check.
/// </summary>
/// <param name="Part"><c>review</c> (a missed achievement?) or <c>plan</c> (a missed target?).</param>
/// <param name="Indicators">The indicator ids the clause's label stands for.</param>
[GenerateSerializer, Immutable, Alias("cg.UnreadClause")]
public sealed record UnreadClause(string Part, IReadOnlyList<string> Indicators, string Label, string Quote, int Start, int End);
