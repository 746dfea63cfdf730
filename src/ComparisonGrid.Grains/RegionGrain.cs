using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.Comparisons;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

public sealed class RegionGrain([PersistentState("region")] IPersistentState<RegionState> state) : Grain, IRegionGrain
{
    public async Task UpdateAsync(ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (state.State.Years.TryGetValue(facts.Year, out var known) && known.Version == facts.Version)
        {
            return;
        }
        state.State.Years[facts.Year] = facts;
        await state.WriteStateAsync().ConfigureAwait(false);
    }

    public async Task RemoveYearAsync(int year)
    {
        if (state.State.Years.Remove(year))
        {
            await state.WriteStateAsync().ConfigureAwait(false);
        }
    }

    public async Task<ReportChanges?> ChangesAsync(int? fromYear, int? toYear)
    {
        var years = state.State.Years;
        var after = toYear is int t ? years.GetValueOrDefault(t) : years.Values.LastOrDefault();
        if (after is null)
        {
            return null;
        }
        var before = fromYear is int f ? years.GetValueOrDefault(f) : years.Values.LastOrDefault(y => y.Year < after.Year);
        if (before is null)
        {
            return null;
        }
        var code = after.Region.Code;
        var beforeReport = await GrainFactory.Report(code, before.Year).GetAsync().ConfigureAwait(false);
        var afterReport = await GrainFactory.Report(code, after.Year).GetAsync().ConfigureAwait(false);
        return beforeReport is null || afterReport is null
            ? null
            : ChangeComparer.Compare(after.Region, before, beforeReport.Report, after, afterReport.Report);
    }

    public Task<RegionView?> GetAsync()
    {
        var years = state.State.Years;
        if (years.Count == 0)
        {
            return Task.FromResult<RegionView?>(null);
        }
        var indicators = years.Values
            .SelectMany(f => f.Targets.Select(t => t.Indicator).Concat(f.Achievements.Select(a => a.Indicator)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var series = new List<IndicatorSeries>();
        foreach (var indicator in indicators)
        {
            var points = new List<SeriesPoint>();
            // A point per year that has a target or an achieved figure: year Y's achieved figure is in Y+1's report.
            var span = years.Keys.Concat(years.Keys.Select(y => y - 1)).Distinct().Order();
            foreach (var year in span)
            {
                var target = years.TryGetValue(year, out var f) ? Attainment.TargetFor(f, indicator) : null;
                var achieved = Attainment.AchievedFor(years.GetValueOrDefault(year + 1), indicator, year);
                if (target is null && achieved is null)
                {
                    continue;
                }
                points.Add(new SeriesPoint(year, target is null ? null : FigureView.From(target),
                    achieved is null ? null : FigureView.From(achieved), target is null ? null : Attainment.IsHit(target, achieved)));
            }
            series.Add(new IndicatorSeries(indicator, points));
        }
        var latest = years.Values.Last();
        return Task.FromResult<RegionView?>(new RegionView(latest.Region, [.. years.Keys], series));
    }
}
