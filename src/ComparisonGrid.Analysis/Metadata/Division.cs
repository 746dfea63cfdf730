using ComparisonGrid.Model;

namespace ComparisonGrid.Analysis.Metadata;

/// <summary>One administrative division of GB/T 2260.</summary>
/// <param name="ParentCode">The prefecture, the province (for provincially administered counties and municipal districts), or 100000.</param>
public sealed record Division(string Code, string Name, RegionLevel Level, string ProvinceCode, string? ParentCode)
{
    /// <summary>The name without its administrative suffix (临汾市 → 临汾), null when that leaves under two characters.</summary>
    public string? ShortName { get; init; }
}
