using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.Storage;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

/// <summary>
/// The reports of one year. Members are read from the reports' stored facts at activation and kept current by
/// upserts, so a silo that dies loses no member: the next activation reads them again, wherever it runs.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class YearCatalogGrain([PersistentState("year-catalog", GridStorage.Name)] IPersistentState<YearCatalogState> state, IGrainStateReader reader)
    : Grain, IYearCatalogGrain
{
    /// <summary>The grain type: its grain ids and its stored states are named by it, across releases.</summary>
    public const string GrainTypeName = "year-catalog";

    private readonly Dictionary<string, ReportFacts> _members = new(StringComparer.Ordinal);

    // Comparisons with subscribers; kept in memory only: a read stores nothing, and a comparison whose subscribers
    // renew (every replica lease, every stream heartbeat) watches again, so a new activation is told soon.
    private readonly HashSet<string> _watchers = new(StringComparer.Ordinal);
    private long _changes;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Report keys are code/year, and a year catalog's key is the year.
        foreach (var (_, stored) in await reader.ReadByLastSegmentAsync<ReportFactsState>(ReportGrain.GrainTypeName, ReportGrain.FactsState, this.GetPrimaryKeyString(), cancellationToken))
        {
            if (stored.Facts is { } facts)
            {
                Keep(facts);
            }
        }
        // A new epoch, stored before anything is served: members read now may differ from what the previous
        // activation had, so no revision of it may equal one of this activation.
        // Whatever the previous activation had not told its watchers, they learn by the revision at their next read.
        state.State.Epoch++;
        await state.WriteOrForgetAsync(this, cancellationToken);
    }

    public Task UpsertAsync(ReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (GrainKeys.YearKey(facts.Year) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"facts of {facts.Year} do not belong in the catalog of {this.GetPrimaryKeyString()}");
        }
        if (Keep(facts))
        {
            MembersChanged();
        }
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        if (_members.Remove(regionCode))
        {
            MembersChanged();
        }
        return Task.CompletedTask;
    }

    public Task<long> RevisionAsync() => Task.FromResult((state.State.Epoch << 32) + _changes);

    /// <summary>Counts a change of the members (the revision moves) and tells the watchers.</summary>
    private void MembersChanged()
    {
        _changes++;
        var year = GrainKeys.YearOf(this.GetPrimaryKeyString());
        foreach (var watcher in _watchers)
        {
            GrainFactory.GetGrain<IComparisonGrain>(watcher).MembersChangedAsync(year);
        }
    }

    /// <summary>Keeps the newer facts of a region; false when nothing changed.</summary>
    private bool Keep(ReportFacts facts)
    {
        if (_members.TryGetValue(facts.Region.Code, out var known) && (known.Version > facts.Version || (known.Version == facts.Version && known.Region == facts.Region && known.ContentHash == facts.ContentHash)))
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

    public Task WatchAsync(string comparisonKey)
    {
        _watchers.Add(comparisonKey);
        return Task.CompletedTask;
    }

    public Task UnwatchAsync(string comparisonKey)
    {
        _watchers.Remove(comparisonKey);
        return Task.CompletedTask;
    }
}
