namespace ComparisonGrid.Analysis.Metadata;

/// <summary>A region inferred from a report's own words, the runners-up, and whether the evidence is too weak to trust.</summary>
/// <param name="Candidates">Scored candidates, best first (at most five), for the user who has to decide.</param>
/// <param name="Uncertain">The evidence is weak or another candidate comes close: the report needs review.</param>
public sealed record RegionInference(Division Division, double Confidence, bool Uncertain, IReadOnlyList<(Division Division, double Score)> Candidates);
