using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.Storage;
using ComparisonGrid.Grains.Comparisons;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

/// <summary>
/// One region across years. Its reports' facts are read from the reports' stored facts at activation (one range of
/// keys, code/…) and kept current by updates, so the region stores nothing of its own: two decades of a region
/// cost one write per report, not a rewrite of every earlier year with each new one.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class RegionGrain(IGrainStateReader reader) : Grain, IRegionGrain
{
    /// <summary>The grain type: its grain ids and its stored states are named by it, across releases.</summary>
    public const string GrainTypeName = "region";

    private readonly SortedDictionary<int, ReportFacts> _years = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var code = this.GetPrimaryKeyString();
        foreach (var (key, stored) in await reader.ReadPrefixAsync<ReportFactsState>(ReportGrain.GrainTypeName, ReportGrain.FactsState, code + "/", cancellationToken))
        {
            if (stored.Facts is { } facts && ReportKey.TryParse(key, out var regionCode, out var year) && regionCode == code)
            {
                _years[year] = facts;
            }
        }
    }

    public Task UpdateAsync(ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!_years.TryGetValue(facts.Year, out var known) || known.Version < facts.Version
            || (known.Version == facts.Version && known.ContentHash != facts.ContentHash))
        {
            _years[facts.Year] = facts;
        }
        return Task.CompletedTask;
    }

    public Task RemoveYearAsync(int year)
    {
        _years.Remove(year);
        return Task.CompletedTask;
    }

    public async Task<ReportChanges?> ChangesAsync(int? fromYear, int? toYear)
    {
        var years = _years;
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
        var beforeReport = await GrainFactory.Report(code, before.Year).GetAsync();
        var afterReport = await GrainFactory.Report(code, after.Year).GetAsync();
        return beforeReport is null || afterReport is null
            ? null
            : ChangeComparer.Compare(after.Region, before, beforeReport.Report, after, afterReport.Report);
    }

    public Task<RegionView?> GetAsync()
    {
        var years = _years;
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
