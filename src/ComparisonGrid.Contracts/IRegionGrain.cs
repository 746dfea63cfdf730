
namespace ComparisonGrid.Contracts;

/// <summary>A region across the years. Key: the region code.</summary>
[Alias("cg.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    Task UpdateAsync(ReportFacts facts);

    Task RemoveYearAsync(int year);

    [ReadOnly]
    Task<RegionView?> GetAsync();

    /// <summary>
    /// What changed from one year's report to another's; <paramref name="toYear"/> defaults to the latest stored year
    /// and <paramref name="fromYear"/> to the stored year before it. Null when the region has no report of a year asked for.
    /// </summary>
    [ReadOnly]
    Task<ReportChanges?> ChangesAsync(int? fromYear, int? toYear);
}
