namespace ComparisonGrid.Grains.State;

/// <summary>What a year catalog stores itself; its members are rebuilt from the reports' stored facts.</summary>
public sealed class YearCatalogState
{
    /// <summary>Keys of the comparisons that read this year and want to hear of changes.</summary>
    public SortedSet<string> Watchers { get; set; } = new(StringComparer.Ordinal);
}
