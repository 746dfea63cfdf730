using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>Every region with reports and the years it has; one instance, key <see cref="Key"/>.</summary>
[Alias("cg.IRegionCatalogGrain")]
public interface IRegionCatalogGrain : IGrainWithStringKey
{
    public const string Key = "all";

    Task AddAsync(RegionRef region, int year);

    /// <summary>Forgets a region's year; a region left without years leaves the list.</summary>
    Task RemoveAsync(string regionCode, int year);

    [ReadOnly]
    Task<IReadOnlyList<RegionEntry>> ListAsync(RegionLevel? level, string? provinceCode);
}

[GenerateSerializer, Immutable, Alias("cg.RegionEntry")]
public sealed record RegionEntry(RegionRef Region, IReadOnlyList<int> Years);
