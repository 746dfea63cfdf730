using ComparisonGrid.Contracts;

namespace ComparisonGrid.Grains.State;

public sealed class RegionState
{
    /// <summary>The facts of each year's report, by year.</summary>
    public SortedDictionary<int, ReportFacts> Years { get; set; } = [];
}
