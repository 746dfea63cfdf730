using ComparisonGrid.Core;
using System.Text;
using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.Comparisons;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

/// <summary>
/// One comparison, computed from the year catalogs on demand and cached while the catalogs' revisions stay the
/// same; its version is the sum of those revisions, so it grows with every change, the same on every silo and
/// after any restart, and nothing about it is stored: reads write nothing. With subscribers it watches its
/// catalogs, recomputes after a burst of changes and pushes a result whose inputs changed.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class ComparisonGrain(TimeProvider clock) : Grain, IComparisonGrain
{
    /// <summary>The grain type: its grain ids and its stored states are named by it, across releases.</summary>
    public const string GrainTypeName = "comparison";

    /// <summary>
    /// Rows past which a result is kept only while subscribers wait for its changes: a job or a one-off read of a
    /// county panel would otherwise leave tens of megabytes in each activation until it is collected.
    /// </summary>
    public const int LargeResultRows = 20_000;

    private readonly ObserverSet<IComparisonObserver> _observers = new();
    private ComparisonSpec _spec = null!;
    private ComparisonResult? _cached;
    private string? _cachedHash;
    private Coalescer? _refresh;
    private readonly List<ReportFacts> _read = [];
    private readonly Lock _readLock = new();

    /// <summary>The inputs last pushed; a result computed from the same inputs is not pushed again.</summary>
    private string? _pushedHash;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _spec = ComparisonSpec.FromKey(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Subscribers that remain subscribe again to the next activation, which watches again; unwatching a catalog
        // that holds no watch of this comparison changes nothing.
        Watch(false);
        return Task.CompletedTask;
    }

    public async Task<ComparisonResult> GetAsync()
    {
        // The revision is read before the members: a change while computing moves it, and the next read computes again.
        // All at once: after a restart each catalog reads its year's facts as it activates, and a panel's twenty do so side by side.
        var revision = (await Task.WhenAll(_spec.Years.Select(y => Catalog(y).RevisionAsync()))).Sum();
        if (_cached?.Version == revision)
        {
            return _cached;
        }
        var (computed, hash) = await ComputeAsync();
        var result = computed with { Version = revision };
        _cachedHash = hash;
        _cached = _observers.Count > 0 || result.RowCount <= LargeResultRows ? result : null;
        return result;
    }

    public Task SubscribeAsync(IComparisonObserver observer)
    {
        _observers.Subscribe(observer);
        // Every renewal watches again: a catalog that restarted since has forgotten its watchers.
        Watch(true);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IComparisonObserver observer)
    {
        _observers.Unsubscribe(observer);
        if (_observers.Count == 0)
        {
            Watch(false);
            if (_cached?.RowCount > LargeResultRows)
            {
                _cached = null;
            }
        }
        return Task.CompletedTask;
    }

    public Task MembersChangedAsync(int year)
    {
        if (_observers.Count == 0)
        {
            // A watch left behind by an activation that died with its subscribers: nobody waits, so it goes.
            Catalog(year).UnwatchAsync(this.GetPrimaryKeyString());
            return Task.CompletedTask;
        }
        // A bulk ingest changes a catalog thousands of times; subscribers get one recomputation per burst.
        _refresh ??= new Coalescer(this, TimeSpan.FromMilliseconds(200), RefreshAsync);
        _refresh.Schedule();
        return Task.CompletedTask;
    }

    /// <summary>Recomputes if subscribers wait for a change; run by the coalescer after a burst of changes.</summary>
    private async Task RefreshAsync()
    {
        if (_observers.Count == 0)
        {
            return;
        }
        // Compared with what subscribers were last sent, not with the cache: a read between the change and this
        // refresh has already recomputed, and must not swallow the push. A change elsewhere in the year moves the
        // version but not this comparison's inputs, and is not pushed.
        var result = await GetAsync();
        if (_cachedHash != _pushedHash)
        {
            _pushedHash = _cachedHash;
            _observers.Notify(o => o.OnComparisonUpdatedAsync(result));
        }
    }

    // Only comparisons with subscribers are in the catalogs' watcher lists, which live in memory: reads store nothing.
    private void Watch(bool watch)
    {
        foreach (var year in _spec.Years)
        {
            if (watch)
            {
                Catalog(year).WatchAsync(this.GetPrimaryKeyString());
            }
            else
            {
                Catalog(year).UnwatchAsync(this.GetPrimaryKeyString());
            }
        }
    }

    private async Task<(ComparisonResult Result, string InputHash)> ComputeAsync()
    {
        var spec = _spec;
        var result = new ComparisonResult(spec, 0, clock.GetUtcNow());
        switch (spec.Kind)
        {
            case ComparisonKind.Indicator:
            {
                var (rows, stats) = IndicatorComparison.Compare(spec, await Members(spec.Years[0], spec.Level, spec.Province));
                result = result with { Rows = rows, Stats = stats, Note = IndicatorComparison.Note };
                break;
            }
            case ComparisonKind.Themes:
                result = result with { Themes = ThemeComparer.Compare(await Members(spec.Year, spec.Level, spec.Province)) };
                break;
            case ComparisonKind.Provinces:
            {
                var (rows, _) = IndicatorComparison.Compare(spec, await Members(spec.Years[0], spec.Level, spec.Province));
                result = result with { Provinces = ProvinceRollup.Rows(rows), Note = IndicatorComparison.Note };
                break;
            }
            case ComparisonKind.Hierarchy:
            {
                var all = (await Members(spec.Year, null, null)).ToDictionary(m => m.Region.Code, StringComparer.Ordinal);
                var members = all.Values.Where(m => (spec.Level is null || m.Region.Level == spec.Level) && (spec.Province is null || m.Region.ProvinceCode == spec.Province));
                result = result with { Hierarchy = HierarchyComparer.Rows(Indicator(spec), members, all) };
                break;
            }
            case ComparisonKind.Attainment:
            {
                var next = (await Members(spec.Year + 1, spec.Level, spec.Province)).ToDictionary(m => m.Region.Code, StringComparer.Ordinal);
                var members = await Members(spec.Year, spec.Level, spec.Province);
                result = result with { Attainment = AttainmentComparer.Rows(Indicator(spec), spec.Year, members, next) };
                break;
            }
            case ComparisonKind.Panel:
                result = result with { Panel = await PanelAsync(spec) };
                break;
            case ComparisonKind.ThemePanel:
                result = result with { ThemePanel = await ThemePanelAsync(spec) };
                break;
            default:
                throw new NotSupportedException($"comparison kind {spec.Kind}");
        }
        var read = Read();
        _read.Clear();
        return (result with { Engine = EngineVersion.Current, Reports = [.. read.Select(ReportReference.From)] }, InputHash(read));
    }

    /// <summary>
    /// Each year of the range as that year's comparisons show it: the target, the achieved figure from the next
    /// year's review and the verdict (as attainment), the gap to the parent's target (as hierarchy). Rows of a year
    /// are regions with a target, or with an achieved figure for figure=achieved.
    /// </summary>
    private async Task<List<PanelRow>> PanelAsync(ComparisonSpec spec)
    {
        var indicator = Indicator(spec);
        var rows = new List<PanelRow>();
        var catalogs = await Task.WhenAll(spec.Years.Select(y => Members(y, null, null)));
        var byYear = spec.Years.Zip(catalogs, (y, members) => (y, members.ToDictionary(m => m.Region.Code, StringComparer.Ordinal))).ToDictionary(x => x.y, x => x.Item2);
        for (var year = spec.Year; year <= (spec.ToYear ?? spec.Year); year++)
        {
            var all = byYear[year];
            var members = all.Values.Where(m => (spec.Level is null || m.Region.Level == spec.Level) && (spec.Province is null || m.Region.ProvinceCode == spec.Province)).ToList();
            var next = byYear[year + 1];
            var gaps = HierarchyComparer.Rows(indicator, members, all).ToDictionary(r => r.Region.Code, r => r.Gap, StringComparer.Ordinal);
            foreach (var member in members.OrderBy(m => m.Region.Code, StringComparer.Ordinal))
            {
                var target = Attainment.TargetFor(member, indicator);
                var achieved = Attainment.AchievedFor(next.GetValueOrDefault(member.Region.Code), indicator, year);
                if (spec.Figure == FigureKind.Achieved ? achieved is null : target is null)
                {
                    continue;
                }
                var figure = target is null ? null : FigureView.From(target);
                rows.Add(new PanelRow(member.Region, year, target?.Comparator, target?.Low, target?.High, figure?.Value, target?.Unit ?? achieved?.Unit,
                    target?.Stretch ?? false, target?.Quote, achieved is null ? null : FigureView.From(achieved).Value, achieved?.Quote,
                    target is null ? null : Attainment.IsHit(target, achieved), gaps.GetValueOrDefault(member.Region.Code), member.ContentHash));
            }
        }
        return rows;
    }

    /// <summary>Each year's reports with their intensity of the theme; a report that never names it has a row of zero.</summary>
    private async Task<List<ThemePanelRow>> ThemePanelAsync(ComparisonSpec spec)
    {
        var theme = Indicator(spec);
        var members = new List<ReportFacts>();
        foreach (var year in spec.Years)
        {
            members.AddRange(await Members(year, spec.Level, spec.Province));
        }
        // Reports keep the themes they name, with the label; the grains hold no lexicon of their own.
        var label = members.SelectMany(m => m.Themes).FirstOrDefault(t => t.Theme == theme)?.Label ?? theme;
        return [.. members.Select(m => (Member: m, Score: m.Themes.FirstOrDefault(t => t.Theme == theme)))
            .Select(x => new ThemePanelRow(x.Member.Region, x.Member.Year, theme, label, x.Score?.Hits ?? 0, x.Score?.Per10K ?? 0,
                x.Member.Characters, x.Member.ContentHash))];
    }

    private static string Indicator(ComparisonSpec spec) =>
        spec.Indicator ?? throw new ArgumentException($"a {WireNames.Of(spec.Kind)} comparison needs an indicator");

    private async Task<IReadOnlyList<ReportFacts>> Members(int year, Model.RegionLevel? level, string? province)
    {
        var all = await Catalog(year).MembersAsync(level, province);
        // A report whose region is in doubt stays out until a user confirms or corrects it.
        var members = all.Where(m => !m.Flags.Contains(Model.QualityFlags.RegionUncertain)).ToList();
        // A panel asks for its years at once, and their answers come back on different threads.
        lock (_readLock)
        {
            _read.AddRange(members);
        }
        return members;
    }

    private IYearCatalogGrain Catalog(int year) => GrainFactory.YearCatalog(year);

    /// <summary>The reports read, each once (a panel reads a year as one year's targets and as the last year's review).</summary>
    private List<ReportFacts> Read() => [.. _read
        .DistinctBy(m => (m.Year, m.Region.Code))
        .OrderBy(m => m.Year).ThenBy(m => m.Region.Code, StringComparer.Ordinal)];

    /// <summary>
    /// What the result was computed from: the spec and each member report's version and source. Equal inputs give an
    /// equal result, so a push happens exactly when a member report of this comparison changed, and hashing the
    /// inputs costs a fraction of serialising a result with thousands of rows.
    /// </summary>
    private string InputHash(List<ReportFacts> read)
    {
        var sb = new StringBuilder(this.GetPrimaryKeyString());
        foreach (var m in read)
        {
            sb.Append('|').Append(m.Year).Append(':').Append(m.Region.Code).Append(':').Append(m.Version).Append(':').Append(m.ContentHash);
        }
        return Convert.ToHexString(Utf8Sha256.Of(sb.ToString()));
    }
}
