using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

public sealed class RegionCatalogGrain([PersistentState("region-catalog")] IPersistentState<RegionCatalogState> state, IGrainStateReader reader,
    TimeProvider clock)
    : Grain, IRegionCatalogGrain
{
    // Thousands of regions: the state is written once per burst of changes, not once per change.
    private Coalescer? _write;

    private Coalescer Write => _write ??= new(TimeSpan.FromSeconds(1), clock, () => GrainFactory.GetGrain<IRegionCatalogGrain>(GetPrimaryKeyString()).FlushAsync());

    /// <summary>
    /// Adds what a crash kept from the last batched write: every stored report's key names its region and year,
    /// and only reports missing here are read.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        foreach (var key in await reader.KeysAsync<IReportGrain>(ReportGrain.FactsState, cancellationToken).ConfigureAwait(false))
        {
            if (!ReportKey.TryParse(key, out var regionCode, out var year)
                || (s.Years.TryGetValue(regionCode, out var years) && years.Contains(year)))
            {
                continue;
            }
            if (await reader.ReadAsync<IReportGrain, ReportFactsState>(ReportGrain.FactsState, key, cancellationToken).ConfigureAwait(false) is { Facts: { } facts })
            {
                await AddAsync(facts.Region, facts.Year).ConfigureAwait(false);
            }
        }
    }

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

    public Task RemoveAsync(string regionCode, int year)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        var s = state.State;
        if (s.Years.TryGetValue(regionCode, out var years) && years.Remove(year))
        {
            if (years.Count == 0)
            {
                s.Years.Remove(regionCode);
                s.Regions.Remove(regionCode);
            }
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
