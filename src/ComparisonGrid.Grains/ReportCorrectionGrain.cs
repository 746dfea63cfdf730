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
