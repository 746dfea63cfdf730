using ComparisonGrid.Contracts;
using ComparisonGrid.Core;
using ComparisonGrid.Grains.State;

namespace ComparisonGrid.Grains;

public sealed class ReportCorrectionGrain([PersistentState("corrections")] IPersistentState<ReportCorrectionState> state)
    : Grain, IReportCorrectionGrain
{
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
            await state.WriteStateAsync().ConfigureAwait(false);
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
