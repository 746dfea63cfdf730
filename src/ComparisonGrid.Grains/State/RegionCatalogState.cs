using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.State;

public sealed class RegionCatalogState
{
    public SortedDictionary<string, RegionRef> Regions { get; set; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, SortedSet<int>> Years { get; set; } = new(StringComparer.Ordinal);
}
