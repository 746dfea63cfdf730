using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

public sealed class RegionCatalogGrain([PersistentState("region-catalog")] IPersistentState<RegionCatalogState> state) : Grain, IRegionCatalogGrain
{
    private static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);
    private bool _flushScheduled;

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
        if (changed && !_flushScheduled)
        {
            // Batched like the year catalogs: one write for a burst of ingests.
            _flushScheduled = true;
            var self = GrainFactory.GetGrain<IRegionCatalogGrain>(GetPrimaryKeyString());
            _ = Task.Delay(FlushDelay).ContinueWith(_ => self.FlushAsync(), TaskScheduler.Default);
        }
        return Task.CompletedTask;
    }

    public Task FlushAsync()
    {
        _flushScheduled = false;
        return state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RegionEntry>> ListAsync(RegionLevel? level, string? provinceCode) =>
        Task.FromResult<IReadOnlyList<RegionEntry>>([.. state.State.Regions.Values
            .Where(r => (level is null || r.Level == level) && (provinceCode is null || r.ProvinceCode == provinceCode || r.Code == provinceCode))
            .Select(r => new RegionEntry(r, [.. state.State.Years[r.Code]]))]);
}
