using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.State;
using ComparisonGrid.Model;

namespace ComparisonGrid.Grains;

[GrainType(GrainTypeName)]
public sealed class ReportGrain(
    [PersistentState("report", GridStorage.Name)] IPersistentState<ReportState> state,
    [PersistentState(ReportGrain.FactsState, GridStorage.Name)] IPersistentState<ReportFactsState> factsState,
    [PersistentState(ReportGrain.HeldState, GridStorage.Name)] IPersistentState<HeldReportState> held,
    TimeProvider clock) : Grain, IReportGrain
{
    /// <summary>The grain type: its grain ids and its stored states are named by it, across releases.</summary>
    public const string GrainTypeName = "report";

    /// <summary>The name of the facts state, which year catalogs read to rebuild themselves.</summary>
    public const string FactsState = "facts";

    /// <summary>The name of the held state: a region-uncertain report kept for review beside the resolved one.</summary>
    public const string HeldState = "held";

    /// <summary>
    /// Versions remembered (hash and time each). Bounded, so a source that replaces one report thousands of times
    /// costs the same per version instead of rewriting an ever longer list.
    /// </summary>
    public const int MaxHistory = 100;

    public async Task<IngestOutcome> IngestAsync(Report report, string sourceHash, string? sourceText)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Region is null || report.Year is null)
        {
            throw new ArgumentException("a report needs a resolved region and year to be stored");
        }
        var key = ReportKey.For(report.Region.Code, report.Year.Value);
        if (key != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"the report is {key}, not {this.GetPrimaryKeyString()}");
        }
        var s = state.State;
        IngestStatus status;
        if (s.Report is not null && s.SourceHash == sourceHash)
        {
            status = IngestStatus.Unchanged;
        }
        else if (s.Report is not null && report.Flags.Contains(QualityFlags.RegionUncertain) && !s.Report.Flags.Contains(QualityFlags.RegionUncertain))
        {
            // A guessed region must not push a resolved report out of its region's comparisons: it waits beside it for
            // a user to move, confirm or discard it.
            if (held.State.SourceHash != sourceHash)
            {
                held.State = new HeldReportState { Report = report, SourceHash = sourceHash, SourceText = sourceText, HeldAt = clock.GetUtcNow() };
                await held.WriteOrForgetAsync(this);
            }
            return new IngestOutcome(key, RegionRef.From(report.Region), report.Year.Value, IngestStatus.Held, s.Version, report.Flags);
        }
        else
        {
            status = s.Report is null ? IngestStatus.New : IngestStatus.Replaced;
            if (s.Report is not null)
            {
                s.History.Add(new ReportVersion(s.Version, s.SourceHash!, s.IngestedAt));
                if (s.History.Count > MaxHistory)
                {
                    s.History.RemoveRange(0, s.History.Count - MaxHistory);
                }
            }
            s.Report = report;
            s.SourceHash = sourceHash;
            s.SourceText = sourceText;
            s.Version++;
            s.IngestedAt = clock.GetUtcNow();
            await state.WriteOrForgetAsync(this);
        }
        var facts = ReportFactsBuilder.From(s.Report, s.Version, s.SourceText);
        // Also when unchanged: a crash between the two writes left the facts behind, and a retry completes them;
        // facts stored before they carried the content hash gain it.
        if (factsState.State.Facts?.Version != facts.Version || factsState.State.Facts.ContentHash != facts.ContentHash)
        {
            factsState.State.Facts = facts;
            await factsState.WriteOrForgetAsync(this);
        }
        // Also when unchanged: the indexes take facts they already hold as a no-op, and re-ingesting
        // restores any they lost.
        await GrainFactory.Region(facts.Region.Code).UpdateAsync(facts);
        await GrainFactory.YearCatalog(facts.Year).UpsertAsync(facts);
        await GrainFactory.RegionCatalog().AddAsync(facts.Region, facts.Year);
        // Written once and read seldom: a bulk ingest of decades would otherwise keep every report and its text in
        // memory until it idled out. A read later activates it again from the store.
        DeactivateOnIdle();
        return new IngestOutcome(key, facts.Region, facts.Year, status, s.Version, report.Flags);
    }

    public async Task<MoveResult> MoveInAsync(Report report, string sourceHash, string? sourceText, bool force)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sourceHash);
        var s = state.State;
        if (s.Report is not null && !force && SourceHashes.Original(s.SourceHash!) != SourceHashes.Original(sourceHash))
        {
            return new MoveResult(null, MoveRefusal.Occupied, FormattableString.Invariant(
                $"{s.Report.Region?.Name} {this.GetPrimaryKeyString()} holds another report (from {s.Report.Source.Input}, version {s.Version}); move or remove that one first, or send \"force\": true to replace it"));
        }
        return new MoveResult(await IngestAsync(report, sourceHash, sourceText), MoveRefusal.None, null);
    }

    public async Task<bool> RemoveIfAsync(string sourceHash)
    {
        if (state.State.Report is not null && state.State.SourceHash != sourceHash)
        {
            return false;
        }
        await RemoveAsync();
        return true;
    }

    public async Task RemoveAsync()
    {
        // Every step runs each time and each is a no-op when done, so a removal cut short by a failure completes
        // when it is retried; region and year come from the key, not from facts an earlier attempt cleared.
        if (!ReportKey.TryParse(this.GetPrimaryKeyString(), out var regionCode, out var year))
        {
            throw new InvalidOperationException($"{this.GetPrimaryKeyString()} is not a report key");
        }
        if (factsState.State.Facts is not null)
        {
            // The facts go first: the catalogs rebuild from them, so a crash after this point cannot bring the report back.
            factsState.State.Facts = null;
            await factsState.WriteOrForgetAsync(this);
        }
        if (state.State.Report is not null)
        {
            await state.ClearOrForgetAsync(this);
            state.State = new ReportState();
        }
        await GrainFactory.YearCatalog(year).RemoveAsync(regionCode);
        await GrainFactory.Region(regionCode).RemoveYearAsync(year);
        await GrainFactory.RegionCatalog().RemoveAsync(regionCode, year);
    }

    public async Task<StoredReport?> ReadOnceAsync()
    {
        var stored = await GetAsync(withText: true);
        DeactivateOnIdle();
        return stored;
    }

    public Task<StoredReport?> GetHeldAsync(bool withText = false)
    {
        var h = held.State;
        return Task.FromResult(h.Report is null ? null : new StoredReport(h.Report, h.SourceHash!, 0, h.HeldAt, [], withText ? h.SourceText : null));
    }

    public async Task<bool> DiscardHeldAsync(string sourceHash)
    {
        if (held.State.Report is null || held.State.SourceHash != sourceHash)
        {
            return false;
        }
        await held.ClearOrForgetAsync(this);
        held.State = new HeldReportState();
        return true;
    }

    public Task<StoredReport?> GetAsync(bool withText = false)
    {
        var s = state.State;
        return Task.FromResult(s.Report is null
            ? null
            : new StoredReport(s.Report, s.SourceHash!, s.Version, s.IngestedAt, [.. s.History], withText ? s.SourceText : null));
    }
}
