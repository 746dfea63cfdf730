using ComparisonGrid.Contracts;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

[GrainType(GrainTypeName)]
public sealed class ReportCorrectionGrain([PersistentState("corrections", GridStorage.Name)] IPersistentState<ReportCorrectionState> state)
    : Grain, IReportCorrectionGrain
{
    /// <summary>The grain type: its grain ids and its stored states are named by it, across releases.</summary>
    public const string GrainTypeName = "report-correction";

    public Task<RegionCorrection?> FindAsync(string sourceHash)
    {
        ArgumentNullException.ThrowIfNull(sourceHash);
        return Task.FromResult(state.State.Corrections.GetValueOrDefault(sourceHash));
    }

    // A move runs in this grain's one turn at a time: two moves of one report, or a swap of two, cannot interleave.
    // Report grains never call back here, so holding the turn while they work cannot deadlock.
    public async Task<MoveResult> MoveAsync(ReportMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        var report = move.Report;
        if (report.Region is null || report.Year is not { } year)
        {
            throw new ArgumentException("a moved report needs its new region and year");
        }
        var source = GrainFactory.GetGrain<IReportGrain>(move.FromKey);
        var stored = move.FromHeld ? await source.GetHeldAsync() : await source.GetAsync();
        if (stored is null)
        {
            return new MoveResult(null, MoveRefusal.NotFound, $"no report is {(move.FromHeld ? "held" : "stored")} at {move.FromKey} (moved or removed meanwhile)");
        }
        if (stored.SourceHash != move.ExpectedSourceHash)
        {
            return new MoveResult(null, MoveRefusal.Changed,
                $"the report at {move.FromKey} changed while the move was prepared (version {stored.Version} now); read it again and repeat the move");
        }
        var original = SourceHashes.Original(stored.SourceHash);
        var toKey = ReportKey.For(report.Region.Code, year);
        var moved = await GrainFactory.GetGrain<IReportGrain>(toKey)
            .MoveInAsync(report, SourceHashes.Corrected(original, report.Region.Code, year), move.SourceText, move.Force);
        if (moved.Outcome is null)
        {
            return moved;
        }
        // Written before the old place is emptied: a crash in between leaves a copy a retry removes, and a re-ingest
        // of the file already lands at the new place.
        await SetAsync(original, new RegionCorrection(report.Region.Code, year, move.At));
        if (move.FromHeld)
        {
            await source.DiscardHeldAsync(stored.SourceHash);
        }
        else if (toKey != move.FromKey)
        {
            // False only when an ingest stored another report there meanwhile: that one stays, the moved one is moved.
            await source.RemoveIfAsync(stored.SourceHash);
        }
        return moved;
    }

    public async Task SetAsync(string sourceHash, RegionCorrection correction)
    {
        ArgumentNullException.ThrowIfNull(sourceHash);
        ArgumentNullException.ThrowIfNull(correction);
        var previous = state.State.Corrections.GetValueOrDefault(sourceHash);
        state.State.Corrections[sourceHash] = correction;
        try
        {
            await state.WriteOrForgetAsync(this);
        }
        catch
        {
            // Believed only once written: a failed write leaves memory as storage has it.
            if (previous is null)
            {
                state.State.Corrections.Remove(sourceHash);
            }
            else
            {
                state.State.Corrections[sourceHash] = previous;
            }
            throw;
        }
    }
}
