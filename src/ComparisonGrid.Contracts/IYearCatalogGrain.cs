using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>
/// The reports of one year (key: the year), with their facts, by province and level, so a comparison
/// finds its members without scanning. Comparisons that read a year watch it for changes.
/// </summary>
public interface IYearCatalogGrain : IGrainWithStringKey
{
    Task UpsertAsync(ReportFacts facts);

    /// <summary>Takes a region's report out of the year (it moved); watchers are told.</summary>
    Task RemoveAsync(string regionCode);

    [ReadOnly]
    Task<IReadOnlyList<ReportFacts>> MembersAsync(RegionLevel? level, string? provinceCode);

    [OneWay]
    Task WatchAsync(string comparisonKey);

    [OneWay]
    Task UnwatchAsync(string comparisonKey);
}
