using System.Security.Cryptography;
using System.Text;
using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.Comparisons;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

/// <summary>
/// One comparison, computed from the year catalogs on demand and cached until a catalog it reads reports a
/// change. With subscribers it recomputes at once and pushes the result when it differs, under a new version.
/// </summary>
public sealed class ComparisonGrain([PersistentState("comparison")] IPersistentState<ComparisonState> state, TimeProvider clock)
    : Grain, IComparisonGrain
{
    private readonly ObserverSet<IComparisonObserver> _observers = new();
    private ComparisonSpec _spec = null!;
    private ComparisonResult? _cached;
    private Coalescer? _refresh;
    private readonly List<ReportFacts> _read = [];

    /// <summary>The version last pushed; streams drop a version they already sent, so a repeat is harmless.</summary>
    private long _pushed = -1;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _spec = ComparisonSpec.FromKey(GetPrimaryKeyString());
        foreach (var year in _spec.Years)
        {
            Catalog(year).WatchAsync(GetPrimaryKeyString());
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var year in _spec.Years)
        {
            Catalog(year).UnwatchAsync(GetPrimaryKeyString());
        }
        return Task.CompletedTask;
    }

    public async Task<ComparisonResult> GetAsync() => _cached ??= await ComputeAsync().ConfigureAwait(false);

    public Task SubscribeAsync(IComparisonObserver observer)
    {
        _observers.Subscribe(observer);
        KeepAlive(true);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IComparisonObserver observer)
    {
        _observers.Unsubscribe(observer);
        KeepAlive(_observers.Count > 0);
        return Task.CompletedTask;
    }

    public Task MembersChangedAsync(int year)
    {
        _cached = null;
        if (_observers.Count > 0)
        {
            // A bulk ingest changes a catalog thousands of times; subscribers get one recomputation per burst.
            _refresh ??= new Coalescer(TimeSpan.FromMilliseconds(200), clock, () => GrainFactory.GetGrain<IComparisonGrain>(GetPrimaryKeyString()).RefreshAsync());
            _refresh.Schedule();
        }
        return Task.CompletedTask;
    }

    public async Task RefreshAsync()
    {
        _refresh?.Ran();
        if (_observers.Count == 0)
        {
            return;
        }
        // Compared with what subscribers were last sent, not with the cache: a read between the change and this
        // refresh has already recomputed, and must not swallow the push.
        var result = await GetAsync().ConfigureAwait(false);
        if (result.Version != _pushed)
        {
            _pushed = result.Version;
            _observers.Notify(o => o.OnComparisonUpdatedAsync(result));
        }
    }

    private async Task<ComparisonResult> ComputeAsync()
    {
        var spec = _spec;
        var result = new ComparisonResult(spec, 0, clock.GetUtcNow());
        switch (spec.Kind)
        {
            case ComparisonKind.Indicator:
            {
                var (rows, stats) = IndicatorComparison.Compare(spec, await Members(spec.Years[0], spec.Level, spec.Province).ConfigureAwait(false));
                result = result with { Rows = rows, Stats = stats, Note = IndicatorComparison.Note };
                break;
            }
            case ComparisonKind.Themes:
                result = result with { Themes = ThemeComparer.Compare(await Members(spec.Year, spec.Level, spec.Province).ConfigureAwait(false)) };
                break;
            case ComparisonKind.Provinces:
            {
                var (rows, _) = IndicatorComparison.Compare(spec, await Members(spec.Years[0], spec.Level, spec.Province).ConfigureAwait(false));
                result = result with { Provinces = ProvinceRollup.Rows(rows), Note = IndicatorComparison.Note };
                break;
            }
            case ComparisonKind.Hierarchy:
            {
                var all = (await Members(spec.Year, null, null).ConfigureAwait(false)).ToDictionary(m => m.Region.Code, StringComparer.Ordinal);
                var members = all.Values.Where(m => (spec.Level is null || m.Region.Level == spec.Level) && (spec.Province is null || m.Region.ProvinceCode == spec.Province));
                result = result with { Hierarchy = HierarchyComparer.Rows(Indicator(spec), members, all) };
                break;
            }
            case ComparisonKind.Attainment:
            {
                var next = (await Members(spec.Year + 1, spec.Level, spec.Province).ConfigureAwait(false)).ToDictionary(m => m.Region.Code, StringComparer.Ordinal);
                var members = await Members(spec.Year, spec.Level, spec.Province).ConfigureAwait(false);
                result = result with { Attainment = AttainmentComparer.Rows(Indicator(spec), spec.Year, members, next) };
                break;
            }
            default:
                throw new NotSupportedException($"comparison kind {spec.Kind}");
        }
        var hash = InputHash();
        _read.Clear();
        if (hash != state.State.ResultHash)
        {
            state.State.Version++;
            state.State.ResultHash = hash;
            await state.WriteStateAsync().ConfigureAwait(false);
        }
        return result with { Version = state.State.Version };
    }

    private static string Indicator(ComparisonSpec spec) =>
        spec.Indicator ?? throw new ArgumentException($"a {WireNames.Of(spec.Kind)} comparison needs an indicator");

    private async Task<IReadOnlyList<ReportFacts>> Members(int year, Model.RegionLevel? level, string? province)
    {
        var all = await Catalog(year).MembersAsync(level, province).ConfigureAwait(false);
        // A report whose region is in doubt stays out until a user confirms or corrects it.
        var members = all.Where(m => !m.Flags.Contains(Model.QualityFlags.RegionUncertain)).ToList();
        _read.AddRange(members);
        return members;
    }

    private IYearCatalogGrain Catalog(int year) => GrainFactory.YearCatalog(year);

    /// <summary>
    /// What the result was computed from: the spec and each member report's version. Equal inputs give an equal
    /// result, so the version moves exactly when a member report of this comparison changed, and hashing the
    /// inputs costs a fraction of serialising a result with thousands of rows.
    /// </summary>
    private string InputHash()
    {
        var sb = new StringBuilder(GetPrimaryKeyString());
        foreach (var m in _read.OrderBy(m => m.Year).ThenBy(m => m.Region.Code, StringComparer.Ordinal))
        {
            sb.Append('|').Append(m.Year).Append(':').Append(m.Region.Code).Append(':').Append(m.Version);
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
