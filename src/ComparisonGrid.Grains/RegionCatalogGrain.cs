using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.Storage;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

[GrainType(GrainTypeName)]
public sealed class RegionCatalogGrain([PersistentState("region-catalog", GridStorage.Name)] IPersistentState<RegionCatalogState> state, IGrainStateReader reader)
    : Grain, IRegionCatalogGrain
{
    /// <summary>The grain type: its grain ids and its stored states are named by it, across releases.</summary>
    public const string GrainTypeName = "region-catalog";

    // Thousands of regions: the state is written once per burst of changes, not once per change.
    private Coalescer? _write;
    private bool _unwritten;

    private Coalescer Write => _write ??= new(this, TimeSpan.FromSeconds(1), FlushAsync);

    /// <summary>
    /// Adds what a crash kept from the last batched write: every stored report's key names its region and year,
    /// and only reports missing here are read.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        foreach (var key in await reader.KeysAsync(ReportGrain.GrainTypeName, ReportGrain.FactsState, cancellationToken))
        {
            if (!ReportKey.TryParse(key, out var regionCode, out var year)
                || (s.Years.TryGetValue(regionCode, out var years) && years.Contains(year)))
            {
                continue;
            }
            if (await reader.ReadAsync<ReportFactsState>(ReportGrain.GrainTypeName, ReportGrain.FactsState, key, cancellationToken) is { Facts: { } facts })
            {
                await AddAsync(facts.Region, facts.Year);
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
            _unwritten = true;
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
            _unwritten = true;
            Write.Schedule();
        }
        return Task.CompletedTask;
    }

    /// <summary>Writes changes not yet stored: additions are written in batches, at most a second late, and at deactivation.</summary>
    private async Task FlushAsync()
    {
        if (_unwritten)
        {
            _unwritten = false;
            await state.WriteOrForgetAsync(this);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync();

    public Task<IReadOnlyList<RegionEntry>> ListAsync(RegionLevel? level, string? provinceCode) =>
        Task.FromResult<IReadOnlyList<RegionEntry>>([.. state.State.Regions.Values
            .Where(r => (level is null || r.Level == level) && (provinceCode is null || r.ProvinceCode == provinceCode || r.Code == provinceCode))
            .Select(r => new RegionEntry(r, [.. state.State.Years[r.Code]]))]);
}
