using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

/// <summary>
/// The reports of one year. Members are read from the reports' stored facts at activation and kept current by
/// upserts, so a silo that dies loses no member: the next activation reads them again, wherever it runs.
/// </summary>
public sealed class YearCatalogGrain([PersistentState("year-catalog")] IPersistentState<YearCatalogState> state, IGrainStateReader reader)
    : Grain, IYearCatalogGrain
{
    private readonly Dictionary<string, ReportFacts> _members = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var suffix = "/" + GetPrimaryKeyString();
        foreach (var (_, stored) in await reader.ReadAllAsync<IReportGrain, ReportFactsState>(ReportGrain.FactsState, suffix, cancellationToken).ConfigureAwait(false))
        {
            if (stored.Facts is { } facts)
            {
                Keep(facts);
            }
        }
        // The previous activation may have died before telling its watchers of members stored since their last
        // read; an ingest retried now finds its facts here already and would tell nobody.
        NotifyWatchers();
    }

    public Task UpsertAsync(ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (GrainKeys.YearKey(facts.Year) != GetPrimaryKeyString())
        {
            throw new ArgumentException($"facts of {facts.Year} do not belong in the catalog of {GetPrimaryKeyString()}");
        }
        if (Keep(facts))
        {
            NotifyWatchers();
        }
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        if (_members.Remove(regionCode))
        {
            NotifyWatchers();
        }
        return Task.CompletedTask;
    }

    private void NotifyWatchers()
    {
        var year = GrainKeys.YearOf(GetPrimaryKeyString());
        foreach (var watcher in state.State.Watchers)
        {
            GrainFactory.GetGrain<IComparisonGrain>(watcher).MembersChangedAsync(year);
        }
    }

    /// <summary>Keeps the newer facts of a region; false when nothing changed.</summary>
    private bool Keep(ReportFacts facts)
    {
        if (_members.TryGetValue(facts.Region.Code, out var known) && (known.Version > facts.Version || (known.Version == facts.Version && known.Region == facts.Region)))
        {
            return false;
        }
        _members[facts.Region.Code] = facts;
        return true;
    }

    public Task<IReadOnlyList<ReportFacts>> MembersAsync(RegionLevel? level, string? provinceCode) =>
        Task.FromResult<IReadOnlyList<ReportFacts>>([.. _members.Values
            .Where(m => (level is null || m.Region.Level == level) && (provinceCode is null || m.Region.ProvinceCode == provinceCode))
            .OrderBy(m => m.Region.Code, StringComparer.Ordinal)]);

    public async Task WatchAsync(string comparisonKey)
    {
        if (state.State.Watchers.Add(comparisonKey))
        {
            await state.WriteStateAsync().ConfigureAwait(false);
        }
    }

    public async Task UnwatchAsync(string comparisonKey)
    {
        if (state.State.Watchers.Remove(comparisonKey))
        {
            await state.WriteStateAsync().ConfigureAwait(false);
        }
    }
}
