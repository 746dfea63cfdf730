using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.State;

public sealed class YearCatalogState
{
    /// <summary>The year's reports by region code.</summary>
    public SortedDictionary<string, ReportFacts> Members { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Keys of the comparisons that read this year and want to hear of changes.</summary>
    public SortedSet<string> Watchers { get; set; } = new(StringComparer.Ordinal);
}
