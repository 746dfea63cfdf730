using ComparisonGrid.Core;

namespace ComparisonGrid.Contracts;

/// <summary>A region across the years. Key: the region code.</summary>
public interface IRegionGrain : IGrainWithStringKey
{
    Task UpdateAsync(ReportFacts facts);

    Task RemoveYearAsync(int year);

    [ReadOnly]
    Task<RegionView?> GetAsync();
}
