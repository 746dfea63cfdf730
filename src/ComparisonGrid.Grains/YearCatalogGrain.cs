using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

public sealed class YearCatalogGrain([PersistentState("year-catalog")] IPersistentState<YearCatalogState> state) : Grain, IYearCatalogGrain
{
    // A year holds thousands of reports: the state is written once per burst of changes, not once per change.
    private Coalescer? _write;

    private Coalescer Write => _write ??= new(TimeSpan.FromSeconds(1), () => GrainFactory.GetGrain<IYearCatalogGrain>(GetPrimaryKeyString()).FlushAsync());

    public Task UpsertAsync(ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var members = state.State.Members;
        if (members.TryGetValue(facts.Region.Code, out var known) && known.Version == facts.Version && known.Region == facts.Region)
        {
            return Task.CompletedTask;
        }
        members[facts.Region.Code] = facts;
        Write.Schedule();
        foreach (var watcher in state.State.Watchers)
        {
            GrainFactory.GetGrain<IComparisonGrain>(watcher).MembersChangedAsync(facts.Year);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReportFacts>> MembersAsync(RegionLevel? level, string? provinceCode) =>
        Task.FromResult<IReadOnlyList<ReportFacts>>([.. state.State.Members.Values.Where(m =>
            (level is null || m.Region.Level == level) && (provinceCode is null || m.Region.ProvinceCode == provinceCode))]);

    public Task FlushAsync()
    {
        Write.Ran();
        return state.WriteStateAsync();
    }

    public Task WatchAsync(string comparisonKey)
    {
        if (state.State.Watchers.Add(comparisonKey))
        {
            Write.Schedule();
        }
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(string comparisonKey)
    {
        if (state.State.Watchers.Remove(comparisonKey))
        {
            Write.Schedule();
        }
        return Task.CompletedTask;
    }
}
