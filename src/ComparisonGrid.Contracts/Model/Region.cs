namespace ComparisonGrid.Model;

/// <summary>A government region resolved against GB/T 2260.</summary>
/// <param name="ParentCode">The division the region reports to (a prefecture, a province, or 100000 for provinces).</param>
[GenerateSerializer, Immutable, Alias("cg.Region")]
public sealed record Region(
    string Name,
    string Code,
    RegionLevel Level,
    string? Province,
    double Confidence,
    string? ParentCode = null,
    string? ResolvedFrom = null);
