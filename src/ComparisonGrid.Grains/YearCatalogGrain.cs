using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

public sealed class YearCatalogGrain([PersistentState("year-catalog")] IPersistentState<YearCatalogState> state) : Grain, IYearCatalogGrain
{
    private static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);
    private bool _flushScheduled;

    public Task UpsertAsync(ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var members = state.State.Members;
        if (members.TryGetValue(facts.Region.Code, out var known) && known.Version == facts.Version && known.Region == facts.Region)
        {
            return Task.CompletedTask;
        }
        members[facts.Region.Code] = facts;
        ScheduleFlush();
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
        _flushScheduled = false;
        return state.WriteStateAsync();
    }

    public Task WatchAsync(string comparisonKey)
    {
        if (state.State.Watchers.Add(comparisonKey))
        {
            ScheduleFlush();
        }
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(string comparisonKey)
    {
        if (state.State.Watchers.Remove(comparisonKey))
        {
            ScheduleFlush();
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// A year holds thousands of reports; writing the whole catalog on every upsert would cost more than the
    /// ingest. Changes are written together a second later, and on deactivation.
    /// </summary>
    private void ScheduleFlush()
    {
        if (_flushScheduled)
        {
            return;
        }
        _flushScheduled = true;
        var self = GrainFactory.GetGrain<IYearCatalogGrain>(GetPrimaryKeyString());
        _ = Task.Delay(FlushDelay).ContinueWith(_ => self.FlushAsync(), TaskScheduler.Default);
    }
}
