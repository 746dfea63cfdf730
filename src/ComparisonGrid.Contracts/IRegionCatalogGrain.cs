using ComparisonGrid.Core;
using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>Every region with reports and the years it has; one instance, key <see cref="Key"/>.</summary>
public interface IRegionCatalogGrain : IGrainWithStringKey
{
    public const string Key = "all";

    Task AddAsync(RegionRef region, int year);

    /// <summary>Forgets a region's year; a region left without years leaves the list.</summary>
    Task RemoveAsync(string regionCode, int year);

    /// <summary>Writes changes not yet stored (additions are written in batches, at most a second late).</summary>
    [OneWay]
    Task FlushAsync();

    [ReadOnly]
    Task<IReadOnlyList<RegionEntry>> ListAsync(RegionLevel? level, string? provinceCode);
}

public sealed record RegionEntry(RegionRef Region, IReadOnlyList<int> Years);
