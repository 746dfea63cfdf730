using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

public sealed class RegionCatalogGrain([PersistentState("region-catalog")] IPersistentState<RegionCatalogState> state) : Grain, IRegionCatalogGrain
{
    // A year holds thousands of reports: the state is written once per burst of changes, not once per change.
    private Coalescer? _write;

    private Coalescer Write => _write ??= new(TimeSpan.FromSeconds(1), () => GrainFactory.GetGrain<IRegionCatalogGrain>(GetPrimaryKeyString()).FlushAsync());

    public Task AddAsync(RegionRef region, int year)
    {
        ArgumentNullException.ThrowIfNull(region);
        var s = state.State;
        if (!s.Years.TryGetValue(region.Code, out var years))
        {
            s.Years[region.Code] = years = [];
        }
        var changed = years.Add(year) | !Equals(s.Regions.GetValueOrDefault(region.Code), region);
        s.Regions[region.Code] = region;
        if (changed)
        {
            Write.Schedule();
        }
        return Task.CompletedTask;
    }

    public Task FlushAsync()
    {
        Write.Ran();
        return state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RegionEntry>> ListAsync(RegionLevel? level, string? provinceCode) =>
        Task.FromResult<IReadOnlyList<RegionEntry>>([.. state.State.Regions.Values
            .Where(r => (level is null || r.Level == level) && (provinceCode is null || r.ProvinceCode == provinceCode || r.Code == provinceCode))
            .Select(r => new RegionEntry(r, [.. state.State.Years[r.Code]]))]);
}
